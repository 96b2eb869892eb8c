using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Runtime;

internal static class JsonElements
{
    public static JsonElement Of(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>A JSON value as templates see it: text, long, double, bool, null, or a <see cref="JsonElement"/> object or array.</summary>
    public static object? Value(JsonNode? node)
    {
        var element = Of(node);
        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(), // a whole number stays an int, as in Python
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element,
        };
    }

    /// <summary>A state or attribute as text for comparison with what a definition wrote.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        _ => node.ToJsonString(),
    };
}
