namespace Jarvis.Plugins.Model;

/// <summary>The host APIs a manifest can ask for.</summary>
public static class PluginPermissions
{
    public const string Log = "jarvis.log";
    public const string Json = "jarvis.json";
    public const string Kv = "jarvis.kv";
    public const string MqttPublish = "jarvis.mqtt.publish";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { Log, Json, Kv, MqttPublish };
}
