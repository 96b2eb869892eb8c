using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Services;

/// <summary>
/// Marks a project as a Jarvis service. Before the model starts, each of its endpoints gets a
/// remembered loopback port: served directly by one replica, or behind Aspire's proxy for several.
/// </summary>
public sealed class JarvisServiceAnnotation : IResourceAnnotation
{
    /// <summary>The public port of the <c>http</c> endpoint (the gateway's); null for an internal service.</summary>
    public int? PublicPort { get; set; }
}
