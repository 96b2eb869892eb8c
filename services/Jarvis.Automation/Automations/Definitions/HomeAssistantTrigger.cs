namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: homeassistant</c> with <c>event: start</c>: Jarvis's automation service started.</summary>
public sealed record HomeAssistantTrigger(int Index, string? Id, bool Enabled) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "homeassistant";
}
