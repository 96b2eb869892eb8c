using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Discovery;

/// <summary>Typed reads of a normalised config; a value of the wrong type is noted in <see cref="Problems"/>, never thrown.</summary>
internal sealed class ConfigReader(JsonObject config, TemplateLimits limits)
{
    public List<string> Problems { get; } = [];

    public JsonObject Config => config;

    public TemplateLimits Limits => limits;

    public bool Has(string key) => config.ContainsKey(key) && config[key] is not null;

    public string? Text(string key)
    {
        var node = config[key];
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return node.GetValue<string>();
            case JsonValueKind.Number:
                return node.ToJsonString();
            default:
                Problems.Add($"{key} must be a string, got {node.ToJsonString()}");
                return null;
        }
    }

    /// <summary>A payload option: strings as they are, numbers as written, booleans as Python writes them (True, False).</summary>
    public string Payload(string key, string fallback)
    {
        var node = config[key];
        return node?.GetValueKind() switch
        {
            null or JsonValueKind.Null => fallback,
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            JsonValueKind.String => node.GetValue<string>(),
            JsonValueKind.Number => node.ToJsonString(),
            _ => Wrong(key, node, "a string", fallback),
        };
    }

    public string? Topic(string key)
    {
        var topic = Text(key);
        if (topic is null)
        {
            return null;
        }

        if (topic.Length == 0 || topic.Length > 65535)
        {
            Problems.Add($"{key} must be a non-empty topic");
            return null;
        }

        return topic;
    }

    /// <summary>A topic Jarvis publishes to: no wildcards.</summary>
    public string? CommandTopic(string key)
    {
        var topic = Topic(key);
        if (topic is not null && topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            Problems.Add($"{key} '{topic}' must not hold the wildcards + or #");
            return null;
        }

        return topic;
    }

    public double Number(string key, double fallback)
    {
        var node = config[key];
        return node?.GetValueKind() switch
        {
            null or JsonValueKind.Null => fallback,
            JsonValueKind.Number => node.GetValue<double>(),
            JsonValueKind.String when double.TryParse(node.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => Wrong(key, node, "a number", fallback),
        };
    }

    public int Whole(string key, int fallback, int min, int max)
    {
        var value = Number(key, fallback);
        if (value != Math.Floor(value) || value < min || value > max)
        {
            Problems.Add($"{key} must be a whole number from {min} to {max}, got {config[key]?.ToJsonString()}");
            return fallback;
        }

        return (int)value;
    }

    public bool Flag(string key, bool fallback)
    {
        var node = config[key];
        return node?.GetValueKind() switch
        {
            null or JsonValueKind.Null => fallback,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(node.GetValue<string>(), out var b) => b,
            _ => Wrong(key, node, "true or false", fallback),
        };
    }

    public IReadOnlyList<string>? TextList(string key)
    {
        var node = config[key];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array || array.Any(e => e?.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number)))
        {
            Problems.Add($"{key} must be a list of strings, got {node.ToJsonString()}");
            return null;
        }

        return array.Select(e => e!.GetValueKind() == JsonValueKind.String ? e.GetValue<string>() : e.ToJsonString()).ToList();
    }

    public Template? Template(string key, params string[] variables)
    {
        var source = Text(key);
        if (source is null)
        {
            return null;
        }

        if (Templates.Template.TryCompile(source, out var template, out var error, limits, variables))
        {
            return template;
        }

        Problems.Add($"{key}: {error}");
        return null;
    }

    private T Wrong<T>(string key, JsonNode node, string expected, T fallback)
    {
        var text = node.ToJsonString();
        Problems.Add($"{key} must be {expected}, got {(text.Length > 60 ? text[..60] + "…" : text)}");
        return fallback;
    }
}
