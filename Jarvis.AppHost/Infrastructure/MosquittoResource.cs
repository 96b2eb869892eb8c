using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// Mosquitto from Debian's <c>mosquitto</c> package: loopback, anonymous, persistence on and saved every
/// second, so a QoS 1 message for an offline persistent session survives a broker crash. With
/// <see cref="DeviceListener"/> (<c>Mqtt:Listen</c>) it also listens on the network for devices, where only
/// the user <see cref="DeviceUser"/> with its generated password is let in.
/// </summary>
public sealed class MosquittoResource(string name, string command, string workingDirectory, int port)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString, IStartAnnouncement
{
    public const string EndpointName = "mqtt";

    /// <summary>The endpoint of the network listener, when there is one (<c>mqtt-devices</c> in ports.json).</summary>
    public const string DevicesEndpointName = "devices";

    /// <summary>The one account of the network listener.</summary>
    public const string DeviceUser = "jarvis";

    /// <summary>The name of its password in <c>.jarvis/secrets</c>.</summary>
    public const string DevicePasswordSecret = "mqtt-devices-password";

    public int Port { get; } = port;

    /// <summary>The network listener for devices, or null (the default: loopback only).</summary>
    public MqttListenAddress? DeviceListener { get; init; }

    /// <summary>Where the network listener's password is kept, relative to the repository when inside it.</summary>
    public string? DevicePasswordLocation { get; init; }

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary><c>mqtt://127.0.0.1:port</c>: the loopback listener is anonymous, so nothing secret.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"mqtt://127.0.0.1:{Endpoint.Property(EndpointProperty.Port)}");

    public string? Announcement => DeviceListener is null
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"Devices:    MQTT on {DeviceListener} as user '{DeviceUser}', password in {DevicePasswordLocation} (no anonymous access there).");
}
