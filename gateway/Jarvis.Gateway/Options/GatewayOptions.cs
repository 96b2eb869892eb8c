namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway</c>; checked at start by <see cref="GatewayOptionsValidator"/>.</summary>
public sealed record GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Origins (scheme://host[:port]) accepted besides the request's own, e.g. the public name behind a NAT.</summary>
    public IReadOnlyList<string> PublicOrigins { get; init; } = [];

    /// <summary>The built single-page app; empty means <c>gateway/web/dist</c> of the repository, else the placeholder page.</summary>
    public string WebRoot { get; init; } = "";
}
