using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices;

/// <summary>JSON as devices write it: compact, templates and degree signs left readable.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>The payload as a JSON object, or null when it is plain text (<c>ON</c>, <c>42</c>).</summary>
    public static JsonObject? TryObject(string payload)
    {
        if (!payload.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A number from a JSON value or plain text, or null.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var number) ? number
        : node is JsonValue text && text.TryGetValue<string>(out var s) ? Number(s)
        : null;

    public static double? Number(string text) =>
        double.TryParse(text.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
