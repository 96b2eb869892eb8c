using System.ComponentModel.DataAnnotations;

namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Limits</c>; per-route body limits live in each route's metadata.</summary>
public sealed record RequestLimitOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest body any route accepts (at most 1 GiB).</summary>
    [Range(1L, 1L << 30)]
    public long MaxRequestBodySize { get; init; } = 1024 * 1024;

    [Range(1024, 1024 * 1024)]
    public int MaxRequestHeadersTotalSize { get; init; } = 16 * 1024;

    /// <summary>For the gateway's own routes; proxied routes carry their own <c>Timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
