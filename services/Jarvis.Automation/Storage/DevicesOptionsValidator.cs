using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Storage;

/// <summary>Every duration positive and in a sensible range; batch and payload sizes bounded.</summary>
public sealed class DevicesOptionsValidator : IValidateOptions<DevicesOptions>
{
    private const string Section = DevicesOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DevicesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HistoryRetention < TimeSpan.FromHours(1) || options.HistoryRetention > TimeSpan.FromDays(3650))
        {
            failures.Add($"{Section}:HistoryRetention must be between one hour and 3650 days.");
        }

        if (options.PruneInterval < TimeSpan.FromSeconds(1) || options.PruneInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:PruneInterval must be between one second and one day.");
        }

        if (options.PruneBatchSize is < 1 or > 100_000)
        {
            failures.Add($"{Section}:PruneBatchSize must be 1..100000.");
        }

        if (options.MaxStatePayloadBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{Section}:MaxStatePayloadBytes must be 1024..16777216.");
        }

        if (options.EventHeartbeat < TimeSpan.FromSeconds(1) || options.EventHeartbeat > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:EventHeartbeat must be between one second and five minutes.");
        }

        if (options.EventPollInterval < TimeSpan.FromMilliseconds(10) || options.EventPollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:EventPollInterval must be between 10 ms and one minute.");
        }

        if (options.EventGapGrace < TimeSpan.Zero || options.EventGapGrace > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:EventGapGrace must be between zero and one minute.");
        }

        if (options.CommandSendWait < TimeSpan.Zero || options.CommandSendWait > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{Section}:CommandSendWait must be between zero and ten seconds.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
