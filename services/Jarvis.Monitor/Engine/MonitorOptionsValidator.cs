using Microsoft.Extensions.Options;

namespace Jarvis.Monitor.Engine;

public sealed class MonitorOptionsValidator : IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.LeaseDuration < TimeSpan.FromSeconds(1) || options.LeaseRenewal <= TimeSpan.Zero || options.LeaseRenewal * 2 > options.LeaseDuration)
        {
            errors.Add("Monitor:LeaseDuration must be at least 1 s and at least twice Monitor:LeaseRenewal (greater than 0).");
        }

        if (options.BuiltIn.IntervalSeconds < 1)
        {
            errors.Add("Monitor:BuiltIn:IntervalSeconds must be at least 1.");
        }

        if (options.BuiltIn.TimeoutMs is < 100 or > 60_000)
        {
            errors.Add("Monitor:BuiltIn:TimeoutMs must be between 100 and 60000.");
        }

        if (options.BuiltIn.FailureThreshold is < 1 or > 100)
        {
            errors.Add("Monitor:BuiltIn:FailureThreshold must be between 1 and 100.");
        }

        if (options.Flapping.Changes < 2 || options.Flapping.Window <= TimeSpan.Zero)
        {
            errors.Add("Monitor:Flapping:Changes must be at least 2 and Monitor:Flapping:Window greater than 0.");
        }

        if (options.Delivery.MaxAttempts is < 1 or > 100 || options.Delivery.FirstRetry <= TimeSpan.Zero)
        {
            errors.Add("Monitor:Delivery:MaxAttempts must be between 1 and 100 and Monitor:Delivery:FirstRetry greater than 0.");
        }

        if (options.RawRetentionDays < 1 || options.HourlyRetentionDays < options.RawRetentionDays)
        {
            errors.Add("Monitor:RawRetentionDays must be at least 1 and Monitor:HourlyRetentionDays at least as many.");
        }

        if (options.StartupGrace < TimeSpan.Zero)
        {
            errors.Add("Monitor:StartupGrace must not be negative.");
        }

        if (options.ReloadInterval <= TimeSpan.Zero || options.RollupInterval <= TimeSpan.Zero)
        {
            errors.Add("Monitor:ReloadInterval and Monitor:RollupInterval must be greater than 0.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
