using System.Text.Json.Nodes;

namespace Jarvis.Automation.Storage;

/// <summary>
/// One entity's current state as a batch of messages works on it: read under a row lock, changed in memory message
/// by message, written back once.
/// </summary>
internal sealed class StoredEntityState(string entityId, string? state, JsonObject attributes, bool? available, JsonObject availability, string? latest, string? error)
{
    public string EntityId { get; } = entityId;

    public string? State { get; set; } = state;

    public JsonObject Attributes { get; set; } = attributes;

    public bool? Available { get; set; } = available;

    public JsonObject Availability { get; set; } = availability;

    public string? Latest { get; set; } = latest;

    public string? Error { get; set; } = error;

    /// <summary>Whether anything changed since it was read (the row is written back).</summary>
    public bool Dirty { get; set; }

    /// <summary>Whether the state itself changed at least once in the batch (<c>last_changed</c>).</summary>
    public bool StateChanged { get; set; }

    /// <summary>Whether a history row was added in the batch (<c>last_updated</c>).</summary>
    public bool Recorded { get; set; }
}
