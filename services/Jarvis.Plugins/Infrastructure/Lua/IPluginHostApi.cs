using System.Text.Json.Nodes;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>What a plugin's host functions reach outside its state. Failures throw <see cref="HostApiException"/>.</summary>
internal interface IPluginHostApi
{
    void Log(string level, string message);

    JsonNode? KvGet(string key);

    void KvSet(string key, JsonNode? value);

    bool KvDelete(string key);

    /// <summary>Queues an MQTT message with the automation service within <paramref name="budget"/>; returns its id.</summary>
    string MqttPublish(string topic, string payload, TimeSpan budget);
}
