using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>A run in <c>wait_for_trigger</c>: the first of its triggers to fire completes it.</summary>
public sealed record TriggerWaiter(Guid RunId, IReadOnlyList<TriggerDefinition> Triggers, TaskCompletionSource<JsonObject?> Fired);
