namespace Jarvis.Simulation.Devices;

/// <summary>
/// What holds one MQTT connection, as in a real home: the Zigbee2MQTT bridge (for all its Zigbee
/// devices), each Tasmota device, each ESPHome node. Its status topic is its last will.
/// </summary>
public sealed class Gateway(
    string name,
    string clientId,
    string statusTopic,
    string onlinePayload,
    string offlinePayload,
    IReadOnlyList<string> commandFilters,
    IReadOnlyList<SimulatedDevice> devices)
{
    private readonly Dictionary<string, SimulatedDevice> _byCommandTopic =
        devices.SelectMany(d => d.CommandTopics.Select(t => (Topic: t, Device: d)))
            .ToDictionary(x => x.Topic, x => x.Device, StringComparer.Ordinal);

    public string Name { get; } = name;

    public string ClientId { get; } = clientId;

    /// <summary><c>zigbee2mqtt/bridge/state</c>, <c>tele/&lt;topic&gt;/LWT</c> or <c>&lt;node&gt;/status</c>.</summary>
    public string StatusTopic { get; } = statusTopic;

    public OutgoingMessage Online { get; } = new(statusTopic, onlinePayload, Retain: true);

    /// <summary>What the gateway says when it stops, and what the broker says for it (its will) when it dies.</summary>
    public OutgoingMessage Offline { get; } = new(statusTopic, offlinePayload, Retain: true);

    /// <summary>The topic filters the gateway subscribes to for commands.</summary>
    public IReadOnlyList<string> CommandFilters { get; } = commandFilters;

    public IReadOnlyList<SimulatedDevice> Devices { get; } = devices;

    /// <summary>The device that takes commands on <paramref name="topic"/>, if any.</summary>
    public SimulatedDevice? DeviceFor(string topic) => _byCommandTopic.GetValueOrDefault(topic);
}
