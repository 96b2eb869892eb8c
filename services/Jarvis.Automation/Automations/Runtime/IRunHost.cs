using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>What a run asks of the grain that hosts it: to be told when one of a wait's triggers fires.</summary>
public interface IRunHost
{
    /// <summary>The firing trigger's variables, or null when <paramref name="until"/> passed first.</summary>
    Task<JsonObject?> WaitForTriggerAsync(Guid runId, IReadOnlyList<TriggerDefinition> triggers, DateTimeOffset? until, CancellationToken cancellationToken);
}
