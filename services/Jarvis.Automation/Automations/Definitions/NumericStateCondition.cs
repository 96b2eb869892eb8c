namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: numeric_state</c>: every entity's number is above and/or below.</summary>
public sealed record NumericStateCondition(bool Enabled, IReadOnlyList<string> EntityIds, string? Attribute, double? Above, double? Below) : ConditionDefinition(Enabled)
{
    public override string Kind => "numeric_state";
}
