using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Options;

/// <summary>A wrong limit stops the start with its name, rather than failing the first request that meets it.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (limitName, window) in new[]
                 {
                     (nameof(options.LoginPerAddress), options.LoginPerAddress), (nameof(options.LoginPerUsername), options.LoginPerUsername),
                     (nameof(options.PerUser), options.PerUser), (nameof(options.PerAddress), options.PerAddress),
                 })
        {
            if (window.PermitLimit < 1 || window.Window <= TimeSpan.Zero)
            {
                failures.Add($"{RateLimitOptions.SectionName}:{limitName} needs PermitLimit >= 1 and a positive Window.");
            }
        }

        var send = options.MessageSend;
        if (send.TokenLimit < 1 || send.TokensPerPeriod < 1 || send.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            failures.Add($"{RateLimitOptions.SectionName}:{nameof(options.MessageSend)} needs TokenLimit and TokensPerPeriod >= 1 and a positive ReplenishmentPeriod.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
