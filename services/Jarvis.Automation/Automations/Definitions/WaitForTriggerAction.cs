namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>wait_for_trigger</c>: waits for one of <see cref="Triggers"/>, at most <see cref="Timeout"/>; on timeout the run stops unless <see cref="ContinueOnTimeout"/>.</summary>
public sealed record WaitForTriggerAction(bool Enabled, string? Alias, IReadOnlyList<TriggerDefinition> Triggers, TimeSpan? Timeout, bool ContinueOnTimeout) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "wait_for_trigger";
}
