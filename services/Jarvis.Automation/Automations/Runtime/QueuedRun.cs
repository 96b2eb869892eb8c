using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>A run waiting its turn (mode queued); it is stored as queued, so a restart keeps it.</summary>
public sealed record QueuedRun(Guid Id, JsonObject Trigger, JsonObject Variables, bool SkipConditions, DateTimeOffset TriggeredAt, JsonObject? Checkpoint);
