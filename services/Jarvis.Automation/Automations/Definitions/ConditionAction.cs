namespace Jarvis.Automation.Automations.Definitions;

/// <summary>A condition written as a step: the run ends (successfully) when it does not hold.</summary>
public sealed record ConditionAction(bool Enabled, string? Alias, ConditionDefinition Condition) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "condition";
}
