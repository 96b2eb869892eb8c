using System.Globalization;
using Jarvis.Simulation.Devices.EspHome;
using Jarvis.Simulation.Devices.Tasmota;
using Jarvis.Simulation.Devices.Zigbee;

namespace Jarvis.Simulation.Devices;

/// <summary>
/// The simulated home: a repeating mix of twelve devices in the three shapes (Zigbee2MQTT, Tasmota,
/// ESPHome) covering every component Jarvis discovers, grouped into the gateways that connect them.
/// The seed fixes every address, so the same options give the same devices and unique ids.
/// </summary>
public sealed class Fleet
{
    private Fleet(IReadOnlyList<Gateway> gateways)
    {
        Gateways = gateways;
        Devices = [.. gateways.SelectMany(g => g.Devices)];
    }

    public IReadOnlyList<Gateway> Gateways { get; }

    public IReadOnlyList<SimulatedDevice> Devices { get; }

    public int EntityCount(string prefix) => Devices.Sum(d => d.Discovery(prefix).Count);

    public static Fleet Build(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var run = Guid.NewGuid().ToString("N")[..6];
        var bridgeAddress = Ieee(random);
        var z2m = options.Zigbee2MqttBaseTopic;
        var zigbee = new List<SimulatedDevice>();
        var gateways = new List<Gateway>();

        void Add(SimulatedDevice device)
        {
            switch (device)
            {
                case ZigbeeDevice:
                    zigbee.Add(device);
                    break;
                case TasmotaDevice tasmota:
                    gateways.Add(new Gateway(tasmota.Name, $"DVES_{tasmota.Id[^6..]}_{run}", tasmota.LwtTopic, "Online", "Offline",
                        [$"cmnd/{tasmota.Name}/+"], [tasmota]));
                    break;
                case EspHomeNode node:
                    gateways.Add(new Gateway(node.Name, $"{node.Name}-{node.Id.ToLowerInvariant()}-{run}", node.StatusTopic, "online", "offline",
                        [$"{node.Name}/+/+/command"], [node]));
                    break;
            }
        }

        var entities = 0;
        for (var index = 0; Continue(options, index, entities); index++)
        {
            var device = Make(index, random, z2m, bridgeAddress);
            var count = device.Discovery(options.DiscoveryPrefix).Count;
            if (options.Entities is { } wanted && entities + count > wanted)
            {
                // Top up with one-entity devices so the total is exact.
                device = new ZigbeeLight(z2m, $"Spare bulb {Number(index + 1)}", Ieee(random), bridgeAddress);
                count = 1;
            }

            Add(device);
            entities += count;
        }

        if (zigbee.Count > 0)
        {
            gateways.Insert(0, new Gateway("Zigbee2MQTT", $"zigbee2mqtt_{run}", $"{z2m}/bridge/state",
                """{"state":"online"}""", """{"state":"offline"}""", [$"{z2m}/+/set", $"{z2m}/+/set/+"], zigbee));
        }

        return new Fleet(gateways);
    }

    private static bool Continue(SimulatorOptions options, int index, int entities) =>
        options.Entities is { } wanted ? entities < wanted : index < options.Devices;

    /// <summary>The <paramref name="index"/>th device of the repeating mix of twelve.</summary>
    private static SimulatedDevice Make(int index, Random random, string z2m, string bridge)
    {
        var round = index / 12;
        string Z(string name) => round == 0 ? name : $"{name} {Number(round + 1)}";
        string Node(string name) => round == 0 ? name : $"{name}-{Number(round + 1)}";
        return (index % 12) switch
        {
            0 => new ZigbeeLight(z2m, Z("Living room ceiling"), Ieee(random), bridge),
            1 => new ZigbeeClimateSensor(z2m, Z("Bedroom climate"), Ieee(random), bridge),
            2 => Tasmota(random, Z("Desk plug"), "Athom Plug V2", TasmotaSensor.Energy),
            3 => new ZigbeeContactSensor(z2m, Z("Front door"), Ieee(random), bridge),
            4 => new EspHomeNode(Node("kitchen-esp"), Mac(random), "esp32dev",
            [
                new EspHomeLight("Counter light"),
                new EspHomeSensor("Temperature", "°C", "temperature", 22.1, 0.2, 10, 35),
                new EspHomeSwitch("Extractor fan"),
            ]),
            5 => new ZigbeeMotionSensor(z2m, Z("Hallway motion"), Ieee(random), bridge),
            6 => new ZigbeePlug(z2m, Z("Coffee machine"), Ieee(random), bridge),
            7 => new ZigbeeCover(z2m, Z("Bedroom blind"), Ieee(random), bridge),
            8 => new ZigbeeThermostat(z2m, Z("Living room radiator"), Ieee(random), bridge),
            9 => new EspHomeNode(Node("garage-esp"), Mac(random), "nodemcuv2",
            [
                new EspHomeNumber("Fan speed", 0, 100, 5, 40),
                new EspHomeSelect("Ventilation mode", ["Auto", "Low", "High"]),
                new EspHomeButton("Restart"),
                new EspHomeSensor("Humidity", "%", "humidity", 55, 1, 20, 95),
            ]),
            10 => Tasmota(random, Z("Balcony"), "Sonoff TH", TasmotaSensor.Am2301),
            _ => new ZigbeeLight(z2m, Z("Kitchen spots"), Ieee(random), bridge),
        };
    }

    private static TasmotaDevice Tasmota(Random random, string name, string module, TasmotaSensor sensor)
    {
        var mac = Mac(random);
        return new TasmotaDevice($"tasmota_{mac[^6..]}", mac, name, module, sensor);
    }

    private static string Ieee(Random random) => "0x" + Hex(random, 8).ToLowerInvariant();

    private static string Mac(Random random) => Hex(random, 6);

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexString(buffer);
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
