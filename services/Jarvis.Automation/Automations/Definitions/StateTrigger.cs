namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: state</c>: an entity's state (or <see cref="Attribute"/>) changes, optionally from and to given values, held <see cref="For"/>.</summary>
/// <param name="From">Any of these before (null: any).</param>
/// <param name="To">Any of these after (null: any change of the state or attribute).</param>
public sealed record StateTrigger(int Index, string? Id, bool Enabled, IReadOnlyList<string> EntityIds, string? Attribute,
    IReadOnlyList<string?>? From, IReadOnlyList<string?>? To, TimeSpan? For) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "state";
}
