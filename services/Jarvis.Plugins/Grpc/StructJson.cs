using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;

namespace Jarvis.Plugins.Grpc;

/// <summary>
/// protobuf Struct/Value to and from the JSON nodes the host works with, node by node (no JSON
/// text in between). Integral numbers become integers so a Lua hook sees 3, not 3.0, as it does
/// for the same arguments sent as JSON text.
/// </summary>
internal static class StructJson
{
    // 2^53: every integer below it is exact in a double
    private const double MaxExactInteger = 9_007_199_254_740_992d;

    /// <summary>The arguments as a JSON object; a non-finite number is refused (JSON has none).</summary>
    public static JsonObject ToJson(Struct message)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in message.Fields)
        {
            obj[key] = ToJson(value);
        }

        return obj;
    }

    public static JsonNode? ToJson(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => JsonValue.Create(value.StringValue),
        Value.KindOneofCase.NumberValue => Number(value.NumberValue),
        Value.KindOneofCase.BoolValue => JsonValue.Create(value.BoolValue),
        Value.KindOneofCase.StructValue => ToJson(value.StructValue),
        Value.KindOneofCase.ListValue => List(value.ListValue),
        _ => null,
    };

    public static Value ToValue(JsonNode? node) => node switch
    {
        null => Value.ForNull(),
        JsonObject obj => Value.ForStruct(ToStruct(obj)),
        JsonArray array => Value.ForList(array.Select(ToValue).ToArray()),
        JsonValue scalar => Scalar(scalar),
        _ => throw new ArgumentException("unsupported JSON node", nameof(node)),
    };

    private static Struct ToStruct(JsonObject obj)
    {
        var message = new Struct();
        foreach (var (key, value) in obj)
        {
            message.Fields.Add(key, ToValue(value));
        }

        return message;
    }

    private static Value Scalar(JsonValue value)
    {
        // the reader makes string, long, double and bool values; JsonElement-backed ones come from parsed text
        if (value.TryGetValue<string>(out var s))
        {
            return Value.ForString(s);
        }

        if (value.TryGetValue<long>(out var integer))
        {
            return Value.ForNumber(integer);
        }

        if (value.TryGetValue<double>(out var number))
        {
            return Value.ForNumber(number);
        }

        if (value.TryGetValue<bool>(out var flag))
        {
            return Value.ForBool(flag);
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => Value.ForString(value.GetValue<string>()),
            JsonValueKind.Number => Value.ForNumber(value.GetValue<JsonElement>().GetDouble()),
            JsonValueKind.True => Value.ForBool(true),
            JsonValueKind.False => Value.ForBool(false),
            _ => Value.ForNull(),
        };
    }

    private static JsonArray List(ListValue list)
    {
        var array = new JsonArray();
        foreach (var item in list.Values)
        {
            array.Add(ToJson(item));
        }

        return array;
    }

    private static JsonValue Number(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException("a number must be finite");
        }

        return Math.Abs(d) < MaxExactInteger && d == Math.Floor(d) ? JsonValue.Create((long)d) : JsonValue.Create(d);
    }
}
