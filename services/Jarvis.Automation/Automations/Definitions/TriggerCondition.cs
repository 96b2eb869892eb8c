namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: trigger</c>: the run was started by a trigger with one of these ids.</summary>
public sealed record TriggerCondition(bool Enabled, IReadOnlyList<string> Ids) : ConditionDefinition(Enabled)
{
    public override string Kind => "trigger";
}
