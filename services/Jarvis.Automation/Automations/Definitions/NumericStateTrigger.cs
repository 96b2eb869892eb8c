namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: numeric_state</c>: a number crosses into (above, below) and optionally stays there <see cref="For"/>.</summary>
public sealed record NumericStateTrigger(int Index, string? Id, bool Enabled, IReadOnlyList<string> EntityIds, string? Attribute,
    double? Above, double? Below, TimeSpan? For) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "numeric_state";
}
