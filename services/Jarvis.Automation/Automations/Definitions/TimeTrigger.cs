namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: time</c>: every day at each of <see cref="At"/> (the service's local time zone).</summary>
public sealed record TimeTrigger(int Index, string? Id, bool Enabled, IReadOnlyList<TimeOnly> At) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "time";
}
