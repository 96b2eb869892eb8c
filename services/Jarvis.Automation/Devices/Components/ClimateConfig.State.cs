using System.Globalization;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record ClimateConfig
{
    internal override void Read(StateBuilder state)
    {
        if (state.Is(ModeStateTopic) && state.Render(ModeStateTemplate, "mode_state_template") is { } mode)
        {
            if (Modes.Contains(mode, StringComparer.Ordinal))
            {
                state.SetState(mode);
                state.Attributes["hvac_mode"] = mode;
            }
            else
            {
                state.Errors.Add($"'{OnOff.Shorten(mode)}' is not one of the modes {string.Join(", ", Modes)}");
            }
        }

        Temperature(state, TemperatureStateTopic, TemperatureStateTemplate, "temperature_state_template", "temperature");
        Temperature(state, CurrentTemperatureTopic, CurrentTemperatureTemplate, "current_temperature_template", "current_temperature");
    }

    private static void Temperature(StateBuilder state, string? topic, Templates.Template? template, string role, string attribute)
    {
        if (!state.Is(topic) || state.Render(template, role) is not { } text)
        {
            return;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            state.Attributes[attribute] = value;
        }
        else
        {
            state.Errors.Add($"{role}: '{OnOff.Shorten(text)}' is not a temperature");
        }
    }
}
