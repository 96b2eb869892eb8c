namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: state</c>: every entity is in one of <see cref="States"/> (and has been <see cref="For"/>).</summary>
public sealed record StateCondition(bool Enabled, IReadOnlyList<string> EntityIds, string? Attribute, IReadOnlyList<string?> States, TimeSpan? For) : ConditionDefinition(Enabled)
{
    public override string Kind => "state";
}
