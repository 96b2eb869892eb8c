using Jarvis.Simulation.Mqtt;

namespace Jarvis.Simulation;

/// <summary>What to simulate and where.</summary>
public sealed record SimulatorOptions
{
    public BrokerAddress Broker { get; init; } = BrokerAddress.Default;

    /// <summary>How many devices (ignored when <see cref="Entities"/> is set).</summary>
    public int Devices { get; init; } = 12;

    /// <summary>Exactly this many entities instead of a number of devices (e.g. 1000 for a benchmark).</summary>
    public int? Entities { get; init; }

    /// <summary>Home Assistant's discovery prefix; its <c>&lt;prefix&gt;/status</c> <c>online</c> makes every device announce itself again.</summary>
    public string DiscoveryPrefix { get; init; } = "homeassistant";

    /// <summary>Zigbee2MQTT's <c>mqtt.base_topic</c>.</summary>
    public string Zigbee2MqttBaseTopic { get; init; } = "zigbee2mqtt";

    /// <summary>QoS of state messages and subscriptions (0, 1 or 2); discovery configs and availability always go with QoS 1.</summary>
    public int Qos { get; init; } = 1;

    /// <summary>Seeds the devices' addresses and readings: the same seed gives the same devices, so a restart adds none.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How often each device reports a reading in the default mode (each wait jittered by ±25%).</summary>
    public TimeSpan ReadingInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where to write what happens (connections, commands); null for silence.</summary>
    public TextWriter? Log { get; init; }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Devices, 1, nameof(Devices));
        if (Entities is { } entities)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(entities, 1, nameof(Entities));
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(Qos is >= 0 and <= 2, true, nameof(Qos));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReadingInterval, TimeSpan.Zero, nameof(ReadingInterval));
        ArgumentException.ThrowIfNullOrWhiteSpace(DiscoveryPrefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(Zigbee2MqttBaseTopic);
        if (DiscoveryPrefix.IndexOfAny(['+', '#']) >= 0 || Zigbee2MqttBaseTopic.IndexOfAny(['+', '#']) >= 0)
        {
            throw new ArgumentException("Topics cannot contain MQTT wildcards.");
        }
    }
}
