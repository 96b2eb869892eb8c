using System.Globalization;
using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A template number with a range and step, set by its bare value.</summary>
public sealed class EspHomeNumber(string name, double min, double max, double step, double value) : EspHomeComponent("number", name)
{
    private double _value = value;

    public override JsonObject Config() => new()
    {
        ["min"] = min,
        ["max"] = max,
        ["step"] = step,
        ["mode"] = "slider",
    };

    public override string? State() => _value.ToString(CultureInfo.InvariantCulture);

    public override bool Apply(string payload)
    {
        if (Json.Number(payload) is not { } requested || requested < min || requested > max)
        {
            return false;
        }

        _value = Math.Round(requested / step) * step;
        return true;
    }
}
