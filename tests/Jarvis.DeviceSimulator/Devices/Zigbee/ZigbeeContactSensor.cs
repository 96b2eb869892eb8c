using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A door or window contact: <c>contact: true</c> means closed, so z2m's binary sensor has <c>pl_on: false</c>.</summary>
public sealed class ZigbeeContactSensor(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private bool _contact = true;
    private int _battery = 100;

    protected override string Vendor => "Aqara";

    protected override string Model => "MCCGQ11LM";

    protected override string Description => "Door and window sensor";

    public override int ReadingCount => 2;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "binary_sensor", "contact", null, new JsonObject
        {
            ["stat_t"] = "~",
            ["val_tpl"] = "{{ value_json.contact }}",
            ["pl_on"] = false,
            ["pl_off"] = true,
            ["dev_cla"] = "door",
        }),
        Sensor(prefix, "battery", "Battery", "%", "battery", diagnostic: true),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["contact"] = _contact,
        ["battery"] = _battery,
        ["voltage"] = 3005,
        ["linkquality"] = 87,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload) => null;

    protected override OutgoingMessage NextReading(Random random)
    {
        _contact = random.NextDouble() < 0.8 || !_contact;
        return StateMessage(StateObject());
    }
}
