using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// The person's own MQTT broker (<c>Mqtt:Broker</c>): no process, a connection string and a health check. Its
/// Aspire connection string (<c>ConnectionStrings__mqtt</c>) names the user but never the password; the whole
/// string, password included, reaches each referencing service as a secret file.
/// </summary>
public sealed class ExternalMqttBrokerResource(string name, string host, int port, string? username, MqttPasswordFile? passwordFile)
    : Resource(name), ISecretConnectionString, IStartAnnouncement
{
    public string Host { get; } = host;

    public int Port { get; } = port;

    public string? Username { get; } = username;

    /// <summary>Where the password is read from, when the broker has accounts.</summary>
    public MqttPasswordFile? PasswordFile { get; } = passwordFile;

    /// <summary><c>host:port</c>, for logs and the dashboard.</summary>
    public string Where => $"{(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>mqtt://user@host:port</c>: everything but the password.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Address(null)}");

    /// <summary><c>mqtt://user:password@host:port</c>, percent-encoded.</summary>
    public string GetSecretConnectionString() => Address(PasswordFile?.Read());

    public string? Announcement =>
        $"MQTT:       your broker {Where}{(Username is null ? ", anonymous" : $" as '{Username}', password read from {PasswordFile?.Path}")}; Jarvis starts none.";

    private string Address(string? password)
    {
        var user = Username is null ? "" : Uri.EscapeDataString(Username);
        if (password is not null)
        {
            user += ":" + Uri.EscapeDataString(password);
        }

        return $"mqtt://{(user.Length > 0 ? user + "@" : "")}{Where}";
    }
}
