using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>A mapping, its keys in the order written (a repeated key is refused when read).</summary>
public sealed class MappingNode(IReadOnlyList<KeyValuePair<string, DefinitionNode>> entries) : DefinitionNode
{
    public IReadOnlyList<KeyValuePair<string, DefinitionNode>> Entries => entries;

    public DefinitionNode? this[string key] => entries.FirstOrDefault(e => e.Key == key).Value;

    public bool Has(string key) => entries.Any(e => e.Key == key);

    public override JsonNode ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in entries)
        {
            json[key] = value.ToJson();
        }

        return json;
    }
}
