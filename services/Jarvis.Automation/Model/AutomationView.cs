using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>
/// An automation: its current version's definition (as JSON, Home Assistant's keys), whether it is enabled, when it
/// last triggered and how its runs ended (<see cref="RunCounts"/>: succeeded, skipped, stopped, failed, cancelled).
/// <see cref="Versions"/> is listed when one automation is read.
/// </summary>
public sealed record AutomationView(
    Guid Id,
    string Alias,
    bool Enabled,
    int Version,
    JsonObject Definition,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastTriggered,
    IReadOnlyDictionary<string, long> RunCounts,
    IReadOnlyList<AutomationVersion>? Versions);
