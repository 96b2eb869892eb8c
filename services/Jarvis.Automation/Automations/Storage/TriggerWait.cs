using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Storage;

/// <summary>A trigger's pending <c>for</c>: it fires at <see cref="DueAt"/> unless the state turns back first.</summary>
public sealed record TriggerWait(int TriggerIndex, string EntityId, DateTimeOffset DueAt, JsonObject Trigger);
