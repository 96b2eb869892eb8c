namespace Jarvis.Automation.Automations.Definitions;

/// <summary>
/// <c>repeat</c>: <see cref="Count"/> times (a number or a template), while or until conditions hold; never more than
/// the service's safety cap (<c>Automations:MaxRepeat</c>), beyond which the run fails saying so.
/// </summary>
public sealed record RepeatAction(bool Enabled, string? Alias, string? Count, IReadOnlyList<ConditionDefinition>? While,
    IReadOnlyList<ConditionDefinition>? Until, IReadOnlyList<ActionDefinition> Sequence) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "repeat";
}
