namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>Origins (scheme://host[:port]) accepted besides the request's own, e.g. the public name behind a NAT.</summary>
    public IList<string> PublicOrigins { get; } = [];

    /// <summary>The built single-page app; empty means <c>gateway/web/dist</c> of the repository, else the placeholder page.</summary>
    public string WebRoot { get; set; } = "";
}
