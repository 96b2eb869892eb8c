using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Definitions;

/// <summary>
/// <c>action: domain.service</c> (or <c>service:</c>) with <c>target.entity_id</c> and <c>data</c>: a device command through
/// the outbox, <c>mqtt.publish</c>, or <c>notify.jarvis</c>. String values in <see cref="Data"/> may be templates.
/// </summary>
public sealed record ServiceAction(bool Enabled, string? Alias, string Service, IReadOnlyList<string> EntityIds, JsonObject Data) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "action";

    public string Domain => Service[..Service.IndexOf('.', StringComparison.Ordinal)];

    public string Name => Service[(Service.IndexOf('.', StringComparison.Ordinal) + 1)..];
}
