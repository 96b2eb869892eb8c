namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>stop</c>: ends the run, as a failure when <see cref="Error"/>.</summary>
public sealed record StopAction(bool Enabled, string? Alias, string Reason, bool Error) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "stop";
}
