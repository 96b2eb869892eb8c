namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: and</c>, <c>or</c> or <c>not</c> (none of them holds) over <see cref="Conditions"/>.</summary>
public sealed record LogicalCondition(bool Enabled, string Operator, IReadOnlyList<ConditionDefinition> Conditions) : ConditionDefinition(Enabled)
{
    public override string Kind => Operator;
}
