namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>Where the broker listens, parsed from a connection string such as <c>mqtt://127.0.0.1:1883</c>.</summary>
public sealed record MqttBrokerAddress(string Host, int Port)
{
    public static MqttBrokerAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Contains("://", StringComparison.Ordinal) ? connectionString : "mqtt://" + connectionString;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "tcp") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{connectionString}' is not an MQTT address such as mqtt://127.0.0.1:1883.");
        }

        return new MqttBrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 1883 : uri.Port);
    }
}
