using System.Globalization;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Commands;

/// <summary>A command on its way to messages: the entity, what it asks, and the current state for toggle.</summary>
internal sealed class CommandContext(DiscoveredEntity entity, DeviceCommand command, string? currentState)
{
    public DeviceCommand Command => command;

    public CommandContext With(CommandKind kind) => new(entity, command with { Kind = kind }, currentState);

    public string? CurrentState => currentState;

    public string Component => entity.Component;

    public OutboundMessage Message(string topic, string payload) => new(topic, payload, entity.Qos, entity.Retain);

    /// <summary>The value through <paramref name="template"/> (or as text); null with <paramref name="error"/> when rendering fails.</summary>
    public static string? Render(Template? template, object? value, string role, out string? error, IReadOnlyDictionary<string, object?>? variables = null)
    {
        error = null;
        if (template is null)
        {
            return Text(value);
        }

        var result = template.Render(TemplateContext.ForValue(value, variables));
        error = result.Succeeded ? null : $"{role}: {result.Error}";
        return result.Output;
    }

    /// <summary>A number as devices expect it: whole numbers without a decimal point, others invariant.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The command's value as a number, if it is one or is text holding one.</summary>
    public bool TryNumber(out double number)
    {
        switch (command.Value)
        {
            case int i:
                number = i;
                return true;
            case long l:
                number = l;
                return true;
            case double d when double.IsFinite(d):
                number = d;
                return true;
            case float f when float.IsFinite(f):
                number = f;
                return true;
            case decimal m:
                number = (double)m;
                return true;
            case string s:
                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Whether toggle means on: true unless the current state is on (or open, for covers).</summary>
    public bool ToggleTurnsOn(params string[] onStates) =>
        currentState is null || !onStates.Contains(currentState, StringComparer.OrdinalIgnoreCase);

    public CommandTranslation Unsupported() =>
        CommandTranslation.Fail($"{Component} does not take {Describe(command.Kind)}");

    public static string Describe(CommandKind kind) => kind switch
    {
        CommandKind.TurnOn => "turn_on",
        CommandKind.TurnOff => "turn_off",
        CommandKind.Toggle => "toggle",
        _ => "set",
    };
}
