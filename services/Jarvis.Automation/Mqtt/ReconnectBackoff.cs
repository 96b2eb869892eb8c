namespace Jarvis.Automation.Mqtt;

/// <summary>
/// The delay before reconnect attempt <c>n</c> (0-based): nominal <c>min(cap, first · 2ⁿ)</c>, shortened by a
/// random share of at most <paramref name="jitter"/> so that replicas that lost the broker together do not
/// all knock at once: <c>nominal · (1 − jitter · r)</c> with <c>r</c> in [0, 1). Never above the cap, never
/// gives up.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan first, TimeSpan cap, double jitter, Func<double> random)
{
    public ReconnectBackoff(MqttOptions options)
        : this(options?.FirstReconnectDelay ?? throw new ArgumentNullException(nameof(options)), options.MaxReconnectDelay, options.ReconnectJitter, Random.Shared.NextDouble)
    {
    }

    /// <summary>The delay without jitter.</summary>
    public TimeSpan Nominal(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        // Past 2^40 the cap has long been reached; keep the arithmetic away from overflow.
        var factor = Math.Pow(2, Math.Min(attempt, 40));
        var ticks = Math.Min(cap.Ticks, first.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }

    public TimeSpan Delay(int attempt)
    {
        var r = Math.Clamp(random(), 0, 1);
        return TimeSpan.FromTicks((long)(Nominal(attempt).Ticks * (1 - (jitter * r))));
    }
}
