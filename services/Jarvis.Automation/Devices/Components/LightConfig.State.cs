using System.Globalization;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record LightConfig
{
    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(StateValueTemplate, "state_value_template") is { } value)
        {
            OnOff.Read(state, value, PayloadOn, PayloadOff);
        }

        if (state.Is(BrightnessStateTopic) && Number(state, BrightnessValueTemplate, "brightness_value_template") is { } brightness)
        {
            state.Attributes["brightness"] = LightScales.FromDevice(brightness, BrightnessScale);
        }

        if (state.Is(ColorTempStateTopic) && Number(state, ColorTempValueTemplate, "color_temp_value_template") is { } temperature)
        {
            ColorTemperature.Set(state, temperature, ColorTempKelvin);
        }
    }

    private static double? Number(StateBuilder state, Templates.Template? template, string role)
    {
        var text = state.Render(template, role);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return number;
        }

        state.Errors.Add($"{role}: '{OnOff.Shorten(text)}' is not a number");
        return null;
    }
}
