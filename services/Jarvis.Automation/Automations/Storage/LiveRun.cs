using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Storage;

/// <summary>A run that was queued or running when the service stopped: what it needs to resume.</summary>
public sealed record LiveRun(Guid Id, int Version, string Status, JsonObject Trigger, JsonObject Variables, JsonObject? Checkpoint, bool CatchUp, DateTimeOffset StartedAt);
