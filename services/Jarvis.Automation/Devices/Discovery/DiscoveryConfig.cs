using System.Text.Json.Nodes;

namespace Jarvis.Automation.Devices.Discovery;

/// <summary>
/// Turns a discovery payload as published into the form Home Assistant documents: every abbreviation expanded
/// (entity, device, origin and availability entries) and the <c>~</c> base topic put into each topic.
/// </summary>
public static class DiscoveryConfig
{
    /// <summary>A new object with full option names and base topics expanded; <paramref name="config"/> is untouched.</summary>
    public static JsonObject Normalize(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var result = Expand(config, Abbreviations.Entity);
        if (result["device"] is JsonObject device)
        {
            result["device"] = Expand(device, Abbreviations.Device);
        }

        if (result["origin"] is JsonObject origin)
        {
            result["origin"] = Expand(origin, Abbreviations.Origin);
        }

        if (result["availability"] is JsonArray availability)
        {
            var entries = new JsonArray();
            foreach (var entry in availability)
            {
                entries.Add(entry is JsonObject o ? Expand(o, Abbreviations.Entity) : entry?.DeepClone());
            }

            result["availability"] = entries;
        }

        if (result["components"] is JsonObject components)
        {
            var expanded = new JsonObject();
            foreach (var (key, component) in components)
            {
                expanded[key] = component is JsonObject o ? Expand(o, Abbreviations.Entity) : component?.DeepClone();
            }

            result["components"] = expanded;
        }

        ApplyBaseTopic(result);
        return result;
    }

    /// <summary>Puts <c>~</c> into every <c>*_topic</c> value (and each availability entry's <c>topic</c>) that starts or ends with it.</summary>
    public static void ApplyBaseTopic(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config["~"]?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return;
        }

        var baseTopic = config["~"]!.GetValue<string>();
        foreach (var key in config.Select(p => p.Key).ToList())
        {
            if (key.EndsWith("_topic", StringComparison.Ordinal) || key == "topic")
            {
                config[key] = WithBase(config[key], baseTopic);
            }
        }

        if (config["availability"] is JsonArray entries)
        {
            foreach (var entry in entries.OfType<JsonObject>())
            {
                entry["topic"] = WithBase(entry["topic"], baseTopic);
            }
        }
    }

    private static JsonNode? WithBase(JsonNode? value, string baseTopic)
    {
        if (value?.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return value?.DeepClone();
        }

        var topic = value.GetValue<string>();
        return topic.StartsWith('~') ? baseTopic + topic[1..]
            : topic.EndsWith('~') ? topic[..^1] + baseTopic
            : topic;
    }

    private static JsonObject Expand(JsonObject source, IReadOnlyDictionary<string, string> table)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            result[table.GetValueOrDefault(key, key)] = value?.DeepClone();
        }

        return result;
    }
}
