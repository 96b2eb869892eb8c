using System.Globalization;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>
/// The variables a template sees: <c>value</c> and, when <c>value</c> is text holding JSON, <c>value_json</c>.
/// </summary>
public sealed class TemplateContext
{
    private static readonly Dictionary<string, object?> NoVariables = [];

    private TemplateContext(object? value, IReadOnlyDictionary<string, object?>? variables)
    {
        Value = value;
        Variables = variables ?? NoVariables;
    }

    /// <summary>A string, a long, a double, a bool or null.</summary>
    public object? Value { get; }

    /// <summary>Further variables some templates get (e.g. <c>position</c> in <c>set_position_template</c>).</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The functions the template may call (none unless given).</summary>
    public ITemplateFunctions? Functions { get; private init; }

    /// <summary>
    /// An automation's template: its variables (strings, longs, doubles, bools, null, or <see cref="System.Text.Json.JsonElement"/>
    /// objects and arrays) and functions; <paramref name="value"/> is the MQTT trigger's payload, if any.
    /// </summary>
    public static TemplateContext ForAutomation(IReadOnlyDictionary<string, object?> variables, ITemplateFunctions functions, string? value = null) =>
        new(value, variables) { Functions = functions };

    /// <summary>An incoming payload: <c>value</c> is the text, <c>value_json</c> its JSON if it parses.</summary>
    public static TemplateContext ForPayload(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new TemplateContext(payload, null);
    }

    /// <summary>An outgoing command value (a number or a string) for a command template.</summary>
    public static TemplateContext ForValue(object? value, IReadOnlyDictionary<string, object?>? variables = null) =>
        new(Normalize(value), variables?.ToDictionary(v => v.Key, v => Normalize(v.Value), StringComparer.Ordinal));

    private static object? Normalize(object? value) => value switch
    {
        null or string or long or double or bool => value,
        int i => (long)i,
        float f => (double)f,
        decimal d => (double)d,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
