namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: time_pattern</c>: each second whose hours, minutes and seconds match (e.g. <c>minutes: "/5"</c>).</summary>
public sealed record TimePatternTrigger(int Index, string? Id, bool Enabled, TimePattern Hours, TimePattern Minutes, TimePattern Seconds) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "time_pattern";
}
