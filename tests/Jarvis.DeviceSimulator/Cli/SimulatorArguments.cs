using System.Globalization;

namespace Jarvis.Simulation.Cli;

/// <summary>The command line, read by hand: a handful of <c>--name value</c> options.</summary>
public sealed record SimulatorArguments
{
    public const string Usage = """
        Jarvis device simulator: Zigbee2MQTT, Tasmota and ESPHome devices over MQTT with Home Assistant discovery.

        usage: Jarvis.DeviceSimulator [options]
          --broker URL        mqtt://host:port (default: ConnectionStrings__mqtt, else the running Jarvis's
                              .jarvis/ports.json, else mqtt://127.0.0.1:1883)
          --devices N         how many devices (default 12: every shape and component)
          --entities N        exactly N entities instead (e.g. 1000)
          --prefix P          discovery prefix (default homeassistant)
          --z2m-base-topic T  Zigbee2MQTT's base topic (default zigbee2mqtt)
          --qos Q             QoS of states and subscriptions, 0-2 (default 1)
          --seed S            seeds addresses and readings (default 1: the same devices every run)
          --interval SECONDS  reading interval in the default mode (default 5, jittered)
          --rate R            load mode: R state messages a second with QoS 1 ...
          --duration SECONDS  ... for this long (default 10), then one JSON line on stdout
          --help
        """;

    public string? Broker { get; init; }

    public int? Devices { get; init; }

    public int? Entities { get; init; }

    public string? Prefix { get; init; }

    public string? Zigbee2MqttBaseTopic { get; init; }

    public int? Qos { get; init; }

    public int? Seed { get; init; }

    public double? IntervalSeconds { get; init; }

    public double? Rate { get; init; }

    public double? DurationSeconds { get; init; }

    public bool Help { get; init; }

    public static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = new SimulatorArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var inline = name.IndexOf('=', StringComparison.Ordinal);
            string? value = null;
            if (inline > 0)
            {
                value = name[(inline + 1)..];
                name = name[..inline];
            }

            string Value() => value ?? (i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value."));
            parsed = name switch
            {
                "--help" or "-h" => parsed with { Help = true },
                "--broker" => parsed with { Broker = Value() },
                "--devices" => parsed with { Devices = Int(name, Value()) },
                "--entities" => parsed with { Entities = Int(name, Value()) },
                "--prefix" => parsed with { Prefix = Value() },
                "--z2m-base-topic" => parsed with { Zigbee2MqttBaseTopic = Value() },
                "--qos" => parsed with { Qos = Int(name, Value()) },
                "--seed" => parsed with { Seed = Int(name, Value()) },
                "--interval" => parsed with { IntervalSeconds = Positive(name, Value()) },
                "--rate" => parsed with { Rate = Positive(name, Value()) },
                "--duration" => parsed with { DurationSeconds = Positive(name, Value()) },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
        }

        return parsed;
    }

    public SimulatorOptions ToOptions(Mqtt.BrokerAddress broker, TextWriter? log)
    {
        var defaults = new SimulatorOptions();
        var options = defaults with
        {
            Broker = broker,
            Devices = Devices ?? defaults.Devices,
            Entities = Entities,
            DiscoveryPrefix = Prefix ?? defaults.DiscoveryPrefix,
            Zigbee2MqttBaseTopic = Zigbee2MqttBaseTopic ?? defaults.Zigbee2MqttBaseTopic,
            Qos = Qos ?? defaults.Qos,
            Seed = Seed ?? defaults.Seed,
            ReadingInterval = IntervalSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.ReadingInterval,
            Log = log,
        };
        options.Validate();
        return options;
    }

    private static int Int(string name, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{name} takes a whole number, not '{text}'.");

    private static double Positive(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} takes a positive number, not '{text}'.");
}
