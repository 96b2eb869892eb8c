namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>choose</c>: the first option whose conditions hold runs, else <see cref="Default"/>.</summary>
public sealed record ChooseAction(bool Enabled, string? Alias, IReadOnlyList<ChooseOption> Options, IReadOnlyList<ActionDefinition>? Default) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "choose";
}
