using System.Text.Json.Nodes;

namespace Jarvis.Plugins.Infrastructure.Storage;

/// <summary>Each plugin's persistent key-value storage (<c>jarvis.kv</c>), with a quota per plugin.</summary>
internal interface IPluginKvStore
{
    JsonNode? Get(string pluginId, string key);

    void Set(string pluginId, string key, JsonNode? value);

    bool Delete(string pluginId, string key);
}
