using System.Text.Json.Nodes;
using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Storage;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>One plugin's view of the host: its log category, its kv partition, its MQTT grant.</summary>
internal sealed partial class PluginHostApi(string pluginId, ILogger logger, IPluginKvStore kv, IMqttPublisher mqtt) : IPluginHostApi
{
    public void Log(string level, string message)
    {
        switch (level)
        {
            case "debug":
                PluginDebug(logger, pluginId, message);
                break;
            case "warn":
                PluginWarning(logger, pluginId, message);
                break;
            case "error":
                PluginError(logger, pluginId, message);
                break;
            case "host-error":
                HostError(logger, pluginId, message);
                break;
            default:
                PluginInfo(logger, pluginId, message);
                break;
        }
    }

    public JsonNode? KvGet(string key) => kv.Get(pluginId, key);

    public void KvSet(string key, JsonNode? value) => kv.Set(pluginId, key, value);

    public bool KvDelete(string key) => kv.Delete(pluginId, key);

    public string MqttPublish(string topic, string payload, TimeSpan budget) => mqtt.Publish(pluginId, topic, payload, budget);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Plugin {PluginId}: {Message}")]
    private static partial void PluginDebug(ILogger logger, string pluginId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId}: {Message}")]
    private static partial void PluginInfo(ILogger logger, string pluginId, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugin {PluginId}: {Message}")]
    private static partial void PluginWarning(ILogger logger, string pluginId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {PluginId}: {Message}")]
    private static partial void PluginError(ILogger logger, string pluginId, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Host function failed for plugin {PluginId}: {Detail}")]
    private static partial void HostError(ILogger logger, string pluginId, string detail);
}
