namespace Jarvis.Gateway.Options;

/// <summary>
/// Bound from <c>Gateway:RateLimits</c>; the defaults here apply when configuration is silent. Checked at
/// start by <see cref="RateLimitOptionsValidator"/>.
/// </summary>
public sealed record RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimits";

    public WindowLimit LoginPerAddress { get; init; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    public WindowLimit LoginPerUsername { get; init; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) };

    /// <summary>The audit's figure: one message per 500 ms per user, with a small burst.</summary>
    public TokenBucketLimit MessageSend { get; init; } = new() { TokenLimit = 3, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMilliseconds(500) };

    /// <summary>Every /api request of a signed-in user.</summary>
    public WindowLimit PerUser { get; init; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Every /api request without a session, per client address.</summary>
    public WindowLimit PerAddress { get; init; } = new() { PermitLimit = 120, Window = TimeSpan.FromMinutes(1) };
}
