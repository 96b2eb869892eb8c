using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>A stored definition (JSON) as <see cref="DefinitionNode"/>s, to be read again without a YAML round trip.</summary>
public sealed class JsonDefinitionNode(JsonNode? json)
{
    public DefinitionNode Root { get; } = Convert(json);

    private static DefinitionNode Convert(JsonNode? node) => node switch
    {
        JsonObject map => new MappingNode([.. map.Select(p => new KeyValuePair<string, DefinitionNode>(p.Key, Convert(p.Value)))]),
        JsonArray list => new SequenceNode([.. list.Select(Convert)]),
        null => new ScalarNode("null", plain: true),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new ScalarNode(value.GetValue<string>(), plain: false),
            JsonValueKind.True => new ScalarNode("true", plain: true),
            JsonValueKind.False => new ScalarNode("false", plain: true),
            JsonValueKind.Number => new ScalarNode(value.ToJsonString(), plain: true),
            _ => new ScalarNode("null", plain: true),
        },
        _ => new ScalarNode(System.Convert.ToString(node, CultureInfo.InvariantCulture) ?? "null", plain: true),
    };
}
