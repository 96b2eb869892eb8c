using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>What a run's templates and conditions see: the trigger, the variables, the states; renders the definition's compiled templates.</summary>
public sealed class RunScope(AutomationDefinition definition, JsonObject trigger, JsonObject variables, AutomationTemplateFunctions functions, EntityStateCache states, TimeProvider time)
{
    private Dictionary<string, object?>? _values;

    public JsonObject Trigger => trigger;

    public JsonObject Variables => variables;

    public EntityStateCache States => states;

    public TimeProvider Time => time;

    public void Set(string name, JsonNode? value)
    {
        variables[name] = value;
        _values = null;
    }

    /// <summary>Renders a template source of the definition; a failure ends the run with the template's error.</summary>
    public string Render(string source, string path, string? payload = null)
    {
        if (!definition.Templates.TryGetValue(source, out var template))
        {
            return source;
        }

        var result = template.Render(TemplateContext.ForAutomation(Values(), functions, payload));
        return result.Succeeded ? result.Output! : throw new RunFailedException($"template error at {path}: {result.Error}");
    }

    /// <summary>A value with every template in it rendered; a string that is one whole template becomes a number or a boolean when it renders as one.</summary>
    public JsonNode? RenderValue(JsonNode? value, string path)
    {
        switch (value)
        {
            case JsonValue text when text.TryGetValue<string>(out var source) && Parsing.DefinitionReader.IsTemplate(source):
                var output = Render(source, path);
                if (long.TryParse(output, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var whole))
                {
                    return JsonValue.Create(whole);
                }

                if (double.TryParse(output, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                {
                    return FloatValue(output, number);
                }

                return output switch
                {
                    "True" => JsonValue.Create(true),
                    "False" => JsonValue.Create(false),
                    "None" => null,
                    _ => JsonValue.Create(output),
                };
            case JsonObject map:
                var rendered = new JsonObject();
                foreach (var (key, item) in map)
                {
                    rendered[key] = RenderValue(item, $"{path}.{key}");
                }

                return rendered;
            case JsonArray list:
                return new JsonArray([.. list.Select((item, i) => RenderValue(item, $"{path}[{i}]"))]);
            default:
                return value?.DeepClone();
        }
    }

    /// <summary>A float as rendered ("2.0" stays a float, not the int 2, when templates read it again), else the number.</summary>
    private static JsonNode FloatValue(string output, double number)
    {
        try
        {
            return JsonNode.Parse(output) ?? JsonValue.Create(number);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(number); // ".5", "1.": Python would not print these; keep the value
        }
    }

    private Dictionary<string, object?> Values()
    {
        if (_values is not null)
        {
            return _values;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["trigger"] = JsonElements.Of(trigger) };
        foreach (var (name, value) in variables)
        {
            values[name] = JsonElements.Value(value);
        }

        return _values = values;
    }
}
