using Microsoft.Extensions.Options;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>The signing key is there, base64, and long enough; the clock skew is not negative.</summary>
public sealed class InternalAuthOptionsValidator : IValidateOptions<InternalAuthOptions>
{
    public ValidateOptionsResult Validate(string? name, InternalAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        try
        {
            InternalSigningKey.From(options.SigningKey);
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }

        if (options.ClockSkew < TimeSpan.Zero)
        {
            failures.Add($"{InternalAuthOptions.SectionName}:ClockSkew must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
