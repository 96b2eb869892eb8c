namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Session</c>.</summary>
public sealed record SessionLifetimeOptions
{
    public const string SectionName = "Gateway:Session";

    /// <summary>A session unused this long ends (sliding).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after login, however busy.</summary>
    public TimeSpan AbsoluteTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How long one minted internal token is reused for a session's requests (the hot path).</summary>
    public TimeSpan TokenReuse { get; init; } = TimeSpan.FromMinutes(1);
}
