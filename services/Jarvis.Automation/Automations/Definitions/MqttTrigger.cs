namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>trigger: mqtt</c>: a message on <see cref="Topic"/> (wildcards allowed), optionally with <see cref="Payload"/> (after <see cref="ValueTemplate"/>).</summary>
public sealed record MqttTrigger(int Index, string? Id, bool Enabled, string Topic, string? Payload, string? ValueTemplate) : TriggerDefinition(Index, Id, Enabled)
{
    public override string Platform => "mqtt";
}
