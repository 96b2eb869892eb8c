using System.Globalization;
using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>A numeric sensor: the state is the bare number, rounded to its accuracy.</summary>
public sealed class EspHomeSensor(string name, string unit, string deviceClass, double value, double step, double min, double max)
    : EspHomeComponent("sensor", name)
{
    private double _value = value;

    public override bool TakesCommands => false;

    public override bool Reads => true;

    public override JsonObject Config() => new()
    {
        ["unit_of_meas"] = unit,
        ["dev_cla"] = deviceClass,
        ["stat_cla"] = "measurement",
    };

    public override string? State() => _value.ToString("0.0", CultureInfo.InvariantCulture);

    public override bool Apply(string payload) => false;

    public override void Drift(Random random) =>
        _value = Math.Round(Math.Clamp(_value + ((random.NextDouble() * 2) - 1) * step, min, max), 1);
}
