using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>variables</c>: sets run variables (string values may be templates).</summary>
public sealed record VariablesAction(bool Enabled, string? Alias, JsonObject Variables) : ActionDefinition(Enabled, Alias)
{
    public override string Kind => "variables";
}
