using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// Mosquitto from Debian's <c>mosquitto</c> package: loopback only, persistence on and saved every
/// second, so a QoS 1 message for an offline persistent session survives a broker crash.
/// </summary>
public sealed class MosquittoResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "mqtt";

    public int Port { get; } = port;

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary><c>mqtt://127.0.0.1:port</c>: anonymous on loopback, so nothing secret.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"mqtt://127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");
}
