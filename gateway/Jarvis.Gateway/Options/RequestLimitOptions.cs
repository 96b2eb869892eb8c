using System.ComponentModel.DataAnnotations;

namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Limits</c>; per-route body limits live in each route's metadata.</summary>
public sealed record RequestLimitOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest body any route accepts (at most 1 GiB).</summary>
    [Range(1L, 1L << 30)]
    public long MaxRequestBodySize { get; init; } = 1024 * 1024;

    /// <summary>Answered 431 problem details by the gateway; Kestrel itself refuses only beyond <see cref="HardLimitFactor"/> times this.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersTotalSize { get; init; } = 16 * 1024;

    /// <summary>The request target (path and query), answered 414 problem details beyond; Kestrel's own refusal is at <see cref="HardLimitFactor"/> times this.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxRequestTargetLength { get; init; } = 8 * 1024;

    /// <summary>
    /// Kestrel answers its own limits with a bare status (no body, no security headers) before any middleware
    /// runs, so its limits sit this many times above the configured ones, which the gateway enforces itself.
    /// </summary>
    public const int HardLimitFactor = 4;

    /// <summary>For the gateway's own routes; proxied routes carry their own <c>Timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
