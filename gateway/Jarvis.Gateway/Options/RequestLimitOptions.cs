namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Limits</c>; per-route body limits live in each route's metadata.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest body any route accepts.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>Answered 431 problem details by the gateway; Kestrel itself refuses only beyond <see cref="HardLimitFactor"/> times this.</summary>
    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>The request target (path and query), answered 414 problem details beyond; Kestrel's own refusal is at <see cref="HardLimitFactor"/> times this.</summary>
    public int MaxRequestTargetLength { get; set; } = 8 * 1024;

    /// <summary>
    /// Kestrel answers its own limits with a bare status (no body, no security headers) before any middleware
    /// runs, so its limits sit this many times above the configured ones, which the gateway enforces itself.
    /// </summary>
    public const int HardLimitFactor = 4;

    /// <summary>For the gateway's own routes; proxied routes carry their own <c>Timeout</c>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
