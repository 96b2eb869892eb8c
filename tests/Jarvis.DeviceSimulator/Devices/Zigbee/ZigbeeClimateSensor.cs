using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A temperature and humidity sensor on a battery.</summary>
public sealed class ZigbeeClimateSensor(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private double _temperature = 21.5;
    private double _humidity = 45;
    private int _battery = 97;
    private int _linkQuality = 110;

    protected override string Vendor => "Aqara";

    protected override string Model => "WSDCGQ11LM";

    protected override string Description => "Temperature, humidity and pressure sensor";

    public override int ReadingCount => 3;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Sensor(prefix, "temperature", "Temperature", "°C", "temperature"),
        Sensor(prefix, "humidity", "Humidity", "%", "humidity"),
        Sensor(prefix, "battery", "Battery", "%", "battery", diagnostic: true),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["temperature"] = _temperature,
        ["humidity"] = _humidity,
        ["battery"] = _battery,
        ["linkquality"] = _linkQuality,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload) => null;

    protected override OutgoingMessage NextReading(Random random)
    {
        _temperature = Drift(random, _temperature, 0.3, 15, 30);
        _humidity = Drift(random, _humidity, 1, 20, 80);
        _linkQuality = LinkQuality(random);
        return StateMessage(StateObject());
    }
}
