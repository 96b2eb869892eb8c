using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>A list.</summary>
public sealed class SequenceNode(IReadOnlyList<DefinitionNode> items) : DefinitionNode
{
    public IReadOnlyList<DefinitionNode> Items => items;

    public override JsonNode ToJson() => new JsonArray([.. items.Select(i => i.ToJson())]);
}
