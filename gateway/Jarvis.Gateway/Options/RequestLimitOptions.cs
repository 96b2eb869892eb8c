namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Limits</c>; per-route body limits live in each route's metadata.</summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "Gateway:Limits";

    /// <summary>The largest body any route accepts.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    public int MaxRequestHeadersTotalSize { get; set; } = 16 * 1024;

    /// <summary>For the gateway's own routes; proxied routes carry their own <c>Timeout</c>.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
