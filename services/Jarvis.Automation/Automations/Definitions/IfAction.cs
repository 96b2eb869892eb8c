namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>if</c> / <c>then</c> / <c>else</c>.</summary>
public sealed record IfAction(bool Enabled, string? Alias, IReadOnlyList<ConditionDefinition> If, IReadOnlyList<ActionDefinition> Then, IReadOnlyList<ActionDefinition>? Else) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "if";
}
