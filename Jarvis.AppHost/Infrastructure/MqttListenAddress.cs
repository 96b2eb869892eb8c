using System.Globalization;
using System.Net;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// Where the AppHost's Mosquitto listens for devices on the network (<c>Mqtt:Listen</c>): a port (every
/// interface), <c>address:port</c>, or <c>[v6 address]:port</c>.
/// </summary>
public sealed record MqttListenAddress(string? Address, int Port)
{
    public static MqttListenAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bare))
        {
            return new MqttListenAddress(null, CheckPort(bare, text));
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw Invalid(text);
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            throw Invalid(text);
        }

        return new MqttListenAddress(address.ToString(), CheckPort(port, text));
    }

    /// <summary>Mosquitto's <c>listener</c> line.</summary>
    public string ListenerLine =>
        Address is null ? $"listener {Port.ToString(CultureInfo.InvariantCulture)}" : $"listener {Port.ToString(CultureInfo.InvariantCulture)} {Address}";

    /// <summary>How a person writes it: <c>0.0.0.0:1883</c>, or <c>*:1883</c> for every interface.</summary>
    public override string ToString() =>
        $"{(Address is null ? "*" : Address.Contains(':', StringComparison.Ordinal) ? $"[{Address}]" : Address)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    private static int CheckPort(int port, string text) => port is > 0 and <= 65535 ? port : throw Invalid(text);

    private static FormatException Invalid(string text) =>
        new($"Mqtt:Listen '{text}' is not a port (1883) or an IP address and port (0.0.0.0:1883, [::]:1883).");
}
