namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: time</c>: now is after and before (across midnight when after &gt; before), on one of <see cref="Weekdays"/>.</summary>
public sealed record TimeCondition(bool Enabled, TimeOnly? After, TimeOnly? Before, IReadOnlyList<DayOfWeek>? Weekdays) : ConditionDefinition(Enabled)
{
    public override string Kind => "time";
}
