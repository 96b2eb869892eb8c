using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Options;

/// <summary>Every public origin is an origin (no path, query or fragment), and a configured web root exists.</summary>
public sealed class GatewayOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.PublicOrigins.Count; i++)
        {
            if (!IsOrigin(options.PublicOrigins[i]))
            {
                failures.Add($"{GatewayOptions.SectionName}:PublicOrigins:{i} is '{options.PublicOrigins[i]}', not an origin such as https://jarvis.example.org or http://192.168.1.10:8080.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.WebRoot))
        {
            var path = Path.GetFullPath(options.WebRoot, environment.ContentRootPath);
            if (!Directory.Exists(path))
            {
                failures.Add($"{GatewayOptions.SectionName}:WebRoot names '{path}', which does not exist.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
}
