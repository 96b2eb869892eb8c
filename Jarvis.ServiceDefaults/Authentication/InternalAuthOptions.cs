namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>
/// Bound from <c>Jarvis:InternalAuth</c>; the key comes from a secret file. Checked at start by
/// <see cref="InternalAuthOptionsValidator"/>: a service without a usable key does not serve.
/// </summary>
public sealed record InternalAuthOptions
{
    public const string SectionName = "Jarvis:InternalAuth";
    public const string Issuer = "jarvis-gateway";
    public const string Audience = "jarvis-internal";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>Base64 of at least 32 random bytes, shared by every service.</summary>
    public string SigningKey { get; init; } = "";

    /// <summary>Allowed clock difference between services; capped at 30 s.</summary>
    public TimeSpan ClockSkew { get; init; } = MaxClockSkew;

    // A record prints every property; the key must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ClockSkew = {ClockSkew}");
        return true;
    }
}
