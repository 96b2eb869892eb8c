using Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Devices.Components;

/// <summary>Brightness between Home Assistant's 0–255 and a device's <c>brightness_scale</c>; colour temperature between mireds and kelvin.</summary>
internal static class LightScales
{
    public static int FromDevice(double value, int scale) => (int)Math.Clamp(Math.Round(value * 255 / scale, MidpointRounding.AwayFromZero), 0, 255);

    public static int ToDevice(int brightness, int scale) =>
        (int)Math.Clamp(Math.Round(brightness * (double)scale / 255, MidpointRounding.AwayFromZero), brightness > 0 ? 1 : 0, scale);

    public static int MiredsKelvin(double value) => value <= 0 ? 0 : (int)Math.Round(1_000_000 / value, MidpointRounding.AwayFromZero);

    /// <summary>The accepted colour temperature range in mireds, from min/max mireds or min/max kelvin (defaults 153–500).</summary>
    public static (int Min, int Max) MiredRange(ConfigReader r)
    {
        if (r.Has("min_mireds") || r.Has("max_mireds"))
        {
            return (r.Whole("min_mireds", 153, 1, 100_000), r.Whole("max_mireds", 500, 1, 100_000));
        }

        if (r.Has("min_kelvin") || r.Has("max_kelvin"))
        {
            return (MiredsKelvin(r.Whole("max_kelvin", 6535, 1, 1_000_000)), MiredsKelvin(r.Whole("min_kelvin", 2000, 1, 1_000_000)));
        }

        return (153, 500);
    }
}
