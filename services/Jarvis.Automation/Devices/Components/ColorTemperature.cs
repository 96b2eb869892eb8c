using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

/// <summary>Sets <c>color_temp</c> (mireds) and <c>color_temp_kelvin</c> from a device's value in either unit.</summary>
internal static class ColorTemperature
{
    public static void Set(StateBuilder state, double value, bool kelvin)
    {
        if (value <= 0)
        {
            state.Errors.Add($"colour temperature {value} is not positive");
            return;
        }

        var mireds = kelvin ? LightScales.MiredsKelvin(value) : (int)Math.Round(value, MidpointRounding.AwayFromZero);
        state.Attributes["color_temp"] = mireds;
        state.Attributes["color_temp_kelvin"] = kelvin ? (int)Math.Round(value, MidpointRounding.AwayFromZero) : LightScales.MiredsKelvin(value);
    }
}
