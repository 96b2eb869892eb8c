using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A smart plug that meters power: a switch (<c>pl_on: "ON"</c>) and a power sensor.</summary>
public sealed class ZigbeePlug(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private bool _on;
    private double _power;

    protected override string Vendor => "Innr";

    protected override string Model => "SP 234";

    protected override string Description => "Smart plug";

    public override int ReadingCount => 1;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "switch", "switch", null, new JsonObject
        {
            ["stat_t"] = "~",
            ["cmd_t"] = "~/set",
            ["val_tpl"] = "{{ value_json.state }}",
            ["pl_on"] = "ON",
            ["pl_off"] = "OFF",
        }),
        Sensor(prefix, "power", "Power", "W", "power"),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["state"] = _on ? "ON" : "OFF",
        ["power"] = _power,
        ["linkquality"] = 140,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        if (topic != SetTopic || Command(payload) is not { } command || !Switch(command["state"], ref _on))
        {
            return null;
        }

        _power = _on ? Math.Max(_power, 5) : 0;
        return [StateMessage(StateObject())];
    }

    protected override OutgoingMessage NextReading(Random random)
    {
        _power = _on ? Drift(random, _power, 20, 1, 2300) : 0;
        return StateMessage(StateObject());
    }
}
