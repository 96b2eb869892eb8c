using System.Globalization;
using System.Text.Json.Nodes;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>
/// A scalar as written. <paramref name="Plain"/> scalars (unquoted) are typed by YAML 1.2's core schema: <c>true</c>,
/// <c>false</c>, <c>null</c>, <c>~</c>, numbers; everything else, and every quoted scalar, is text. Unlike Home
/// Assistant's YAML 1.1 loader, <c>on</c>, <c>off</c>, <c>yes</c> and <c>no</c> stay text, which is what a state means.
/// </summary>
public sealed class ScalarNode(string text, bool plain) : DefinitionNode
{
    public string Text => text;

    public bool Plain => plain;

    public bool IsNull => plain && text is "" or "~" or "null" or "Null" or "NULL";

    public bool? AsBoolean => !plain ? null : text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    public double? AsNumber => plain && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;

    public override JsonNode? ToJson()
    {
        if (IsNull)
        {
            return null;
        }

        if (AsBoolean is { } flag)
        {
            return JsonValue.Create(flag);
        }

        if (plain && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        return AsNumber is { } number ? JsonValue.Create(number) : JsonValue.Create(text);
    }
}
