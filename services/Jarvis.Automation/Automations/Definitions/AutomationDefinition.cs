using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Automations.Definitions;

/// <summary>
/// One automation as read and validated from Home Assistant's schema. <see cref="Templates"/> holds every template
/// source found in it, compiled, so that a run renders without compiling.
/// </summary>
public sealed record AutomationDefinition(
    string? HomeAssistantId,
    string Alias,
    string? Description,
    AutomationMode Mode,
    int Max,
    string MaxExceeded,
    JsonObject Variables,
    IReadOnlyList<TriggerDefinition> Triggers,
    IReadOnlyList<ConditionDefinition> Conditions,
    IReadOnlyList<ActionDefinition> Actions,
    IReadOnlyDictionary<string, Template> Templates);
