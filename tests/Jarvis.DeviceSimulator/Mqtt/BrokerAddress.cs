using System.Globalization;

namespace Jarvis.Simulation.Mqtt;

/// <summary>
/// Where the broker listens, from the connection string the AppHost's Mosquitto resource produces
/// (<c>mqtt://127.0.0.1:port</c>), optionally with <c>user:password@</c>; <c>tcp://</c> and a bare
/// <c>host:port</c> are read the same way.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, string? UserName = null, string? Password = null)
{
    public static readonly BrokerAddress Default = new("127.0.0.1", 1883);

    public static BrokerAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        text = text.Contains("://", StringComparison.Ordinal) ? text : "mqtt://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "tcp") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{connectionString}' is not an MQTT address such as mqtt://127.0.0.1:1883.");
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        return new BrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 1883 : uri.Port, user, password);
    }

    /// <summary>The address without its password, for logs.</summary>
    public override string ToString() =>
        $"mqtt://{(UserName is null ? "" : Uri.EscapeDataString(UserName) + "@")}{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
