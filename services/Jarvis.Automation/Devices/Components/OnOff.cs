using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Devices.Components;

/// <summary>Reads a rendered value as "on" or "off" by the entity's payloads.</summary>
internal static class OnOff
{
    public static void Read(StateBuilder state, string value, string on, string off)
    {
        if (value == on)
        {
            state.SetState("on");
        }
        else if (value == off)
        {
            state.SetState("off");
        }
        else
        {
            state.Errors.Add($"'{Shorten(value)}' matches neither the on payload '{on}' nor the off payload '{off}'");
        }
    }

    public static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
