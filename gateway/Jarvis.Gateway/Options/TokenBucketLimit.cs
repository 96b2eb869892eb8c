namespace Jarvis.Gateway.Options;

/// <summary>A burst of <see cref="TokenLimit"/>, refilled by <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>.</summary>
public sealed record TokenBucketLimit
{
    public int TokenLimit { get; init; }

    public int TokensPerPeriod { get; init; }

    public TimeSpan ReplenishmentPeriod { get; init; }
}
