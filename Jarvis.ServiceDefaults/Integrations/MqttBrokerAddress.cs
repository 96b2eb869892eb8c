namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>
/// Where the broker listens, parsed from a connection string such as <c>mqtt://127.0.0.1:1883</c>, with
/// credentials when it names them (<c>mqtt://user:password@broker.lan:1883</c>, percent-encoded). A connection
/// string with a password arrives as a secret file (<c>ConnectionStrings__mqtt</c>), never as a variable.
/// </summary>
public sealed record MqttBrokerAddress(string Host, int Port)
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public static MqttBrokerAddress Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Contains("://", StringComparison.Ordinal) ? connectionString : "mqtt://" + connectionString;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("mqtt" or "tcp") || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{Redacted(connectionString)}' is not an MQTT address such as mqtt://127.0.0.1:1883.");
        }

        string? username = null;
        string? password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            username = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        return new MqttBrokerAddress(uri.Host, uri.IsDefaultPort || uri.Port < 0 ? 1883 : uri.Port) { Username = username, Password = password };
    }

    // A record prints every property; the password must never reach a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Username = {Username}");
        return true;
    }

    private static string Redacted(string connectionString)
    {
        var at = connectionString.LastIndexOf('@');
        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal);
        return at < 0 ? connectionString : connectionString[..(scheme < 0 ? 0 : scheme + 3)] + "***@" + connectionString[(at + 1)..];
    }
}
