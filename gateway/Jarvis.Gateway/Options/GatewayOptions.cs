namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway</c>; checked at start by <see cref="GatewayOptionsValidator"/>.</summary>
public sealed record GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Origins (scheme://host[:port]) Jarvis is reached at besides the addresses the gateway listens on, e.g. its
    /// public name behind a port forward or a TLS proxy. Only these and the listening addresses pass the
    /// Origin check, and only their hosts are served (any other Host is 400).
    /// </summary>
    public IReadOnlyList<string> PublicOrigins { get; init; } = [];

    /// <summary>The built single-page app; empty means <c>gateway/web/dist</c> of the repository, else the placeholder page.</summary>
    public string WebRoot { get; init; } = "";
}
