namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>delay</c>: waits, durably (a restart resumes with the time left).</summary>
public sealed record DelayAction(bool Enabled, string? Alias, TimeSpan Duration) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "delay";
}
