using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Mqtt;

/// <summary>Every duration positive and in a sensible range, the prefix a plain topic level.</summary>
public sealed class MqttOptionsValidator : IValidateOptions<MqttOptions>
{
    private const string Section = MqttOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, MqttOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        // MQTT 5 carries the session expiry in whole seconds, as an unsigned 32-bit number.
        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            failures.Add($"{Section}:SessionExpiry must be between 0 and {uint.MaxValue} seconds.");
        }

        if (options.FirstReconnectDelay <= TimeSpan.Zero || options.FirstReconnectDelay > options.MaxReconnectDelay)
        {
            failures.Add($"{Section}:FirstReconnectDelay must be positive and at most MaxReconnectDelay.");
        }

        if (options.MaxReconnectDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:MaxReconnectDelay must be at most one hour.");
        }

        if (options.ReconnectJitter is < 0 or > 1 || double.IsNaN(options.ReconnectJitter))
        {
            failures.Add($"{Section}:ReconnectJitter must be between 0 and 1.");
        }

        if (options.ConnectTimeout <= TimeSpan.Zero || options.ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:ConnectTimeout must be positive and at most 5 minutes.");
        }

        if (options.KeepAlive < TimeSpan.FromSeconds(1) || options.KeepAlive.TotalSeconds > ushort.MaxValue)
        {
            failures.Add($"{Section}:KeepAlive must be between 1 and {ushort.MaxValue} seconds.");
        }

        if (string.IsNullOrWhiteSpace(options.DiscoveryPrefix) || options.DiscoveryPrefix.IndexOfAny(['+', '#', '/', '\0']) >= 0)
        {
            failures.Add($"{Section}:DiscoveryPrefix must be one topic level without '+', '#' or '/'.");
        }

        if (options.InboundBatchSize is < 1 or > 10_000)
        {
            failures.Add($"{Section}:InboundBatchSize must be 1..10000.");
        }

        if (options.HandlerAttempts is < 1 or > 10)
        {
            failures.Add($"{Section}:HandlerAttempts must be 1..10.");
        }

        if (options.OutboxTimeToLive <= TimeSpan.Zero || options.OutboxTimeToLive > TimeSpan.FromDays(7))
        {
            failures.Add($"{Section}:OutboxTimeToLive must be positive and at most 7 days.");
        }

        if (options.OutboxPollInterval <= TimeSpan.Zero || options.OutboxPollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:OutboxPollInterval must be positive and at most one minute.");
        }

        if (options.OutboxBatchSize is < 1 or > 1000)
        {
            failures.Add($"{Section}:OutboxBatchSize must be 1..1000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
