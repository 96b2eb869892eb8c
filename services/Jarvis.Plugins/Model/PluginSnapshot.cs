namespace Jarvis.Plugins.Model;

/// <summary>What the plugin list shows for one plugin.</summary>
public sealed record PluginSnapshot(
    string Id,
    string? Version,
    string? Name,
    string? Description,
    PluginStatus Status,
    string? Error,
    IReadOnlyList<string> Hooks,
    IReadOnlyList<string> Permissions,
    int Priority,
    PluginStatistics Statistics);
