using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>An entity's state as automations see it: <c>unavailable</c> when its device says it is offline.</summary>
public sealed record EntitySnapshot(string EntityId, string? State, JsonObject Attributes, DateTimeOffset LastChanged)
{
    public JsonObject ToJson() => new()
    {
        ["entity_id"] = EntityId,
        ["state"] = State,
        ["attributes"] = Attributes.DeepClone(),
        ["last_changed"] = LastChanged.ToString("O"),
    };
}
