using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A motion sensor with a light meter: occupancy as a binary sensor, illuminance as a sensor.</summary>
public sealed class ZigbeeMotionSensor(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private bool _occupancy;
    private int _illuminance = 120;

    protected override string Vendor => "Philips";

    protected override string Model => "9290012607";

    protected override string Description => "Hue motion sensor";

    public override int ReadingCount => 2;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "binary_sensor", "occupancy", null, new JsonObject
        {
            ["stat_t"] = "~",
            ["val_tpl"] = "{{ value_json.occupancy }}",
            ["pl_on"] = true,
            ["pl_off"] = false,
            ["dev_cla"] = "occupancy",
        }),
        Sensor(prefix, "illuminance", "Illuminance", "lx", "illuminance"),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["occupancy"] = _occupancy,
        ["illuminance"] = _illuminance,
        ["battery"] = 88,
        ["linkquality"] = 102,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload) => null;

    protected override OutgoingMessage NextReading(Random random)
    {
        _occupancy = random.NextDouble() < 0.3;
        _illuminance = (int)Drift(random, _illuminance, 25, 0, 1500);
        return StateMessage(StateObject());
    }
}
