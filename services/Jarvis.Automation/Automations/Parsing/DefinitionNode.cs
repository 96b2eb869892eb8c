using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>One node of a definition as written (YAML or JSON): a mapping, a list or a scalar.</summary>
public abstract class DefinitionNode
{
    /// <summary>The node as JSON: plain scalars typed by YAML 1.2's core schema, quoted ones strings.</summary>
    public abstract JsonNode? ToJson();
}
