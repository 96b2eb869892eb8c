namespace Jarvis.Plugins.Model;

/// <summary>A plugin's validated <c>plugin.json</c>.</summary>
public sealed record PluginManifest(
    string Id,
    string Version,
    string Name,
    string Description,
    IReadOnlyList<string> Hooks,
    IReadOnlyList<string> Permissions,
    int Priority,
    int? TimeoutMs,
    int? MemoryMb,
    IReadOnlyList<string> MqttTopics);
