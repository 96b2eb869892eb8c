using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.EspHome;

/// <summary>
/// An ESPHome node with its <c>mqtt:</c> component: availability on <c>&lt;node&gt;/status</c>
/// (<c>online</c>/<c>offline</c>, the will), each component's state retained on
/// <c>&lt;node&gt;/&lt;component&gt;/&lt;object_id&gt;/state</c> and commands on <c>…/command</c>.
/// </summary>
public sealed class EspHomeNode : SimulatedDevice
{
    public const string Version = "2025.2.2";
    private readonly IReadOnlyList<EspHomeComponent> _components;
    private readonly IReadOnlyList<EspHomeComponent> _readers;
    private readonly Dictionary<string, EspHomeComponent> _byCommandTopic;
    private int _nextReader;

    public EspHomeNode(string node, string mac, string board, IReadOnlyList<EspHomeComponent> components)
        : base(node, mac)
    {
        Board = board;
        _components = components;
        _readers = [.. components.Where(c => c.Reads)];
        _byCommandTopic = components.Where(c => c.TakesCommands).ToDictionary(CommandTopic, StringComparer.Ordinal);
    }

    public override DeviceFamily Family => DeviceFamily.EspHome;

    public string Board { get; }

    public IReadOnlyList<EspHomeComponent> Components => _components;

    /// <summary>The node's availability and will topic.</summary>
    public string StatusTopic => $"{Name}/status";

    public override IReadOnlyList<string> CommandTopics => [.. _byCommandTopic.Keys];

    public override int ReadingCount => _readers.Count;

    public string StateTopic(EspHomeComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return $"{Name}/{component.Component}/{component.ObjectId}/state";
    }

    public string CommandTopic(EspHomeComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        return $"{Name}/{component.Component}/{component.ObjectId}/command";
    }

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
        [.. _components.Select(c => Config(prefix, c))];

    protected override IReadOnlyList<OutgoingMessage> CurrentState() =>
        [.. _components.Where(c => c.State() is not null).Select(StateMessage)];

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        if (!_byCommandTopic.TryGetValue(topic, out var component) || !component.Apply(payload))
        {
            return null;
        }

        return component.State() is null ? [] : [StateMessage(component)];
    }

    protected override OutgoingMessage NextReading(Random random)
    {
        var reader = _readers[_nextReader++ % _readers.Count];
        reader.Drift(random);
        return StateMessage(reader);
    }

    // ESPHome retains states by default (mqtt: retain: true).
    private OutgoingMessage StateMessage(EspHomeComponent component) => new(StateTopic(component), component.State()!, Retain: true);

    private DiscoveryConfig Config(string prefix, EspHomeComponent component)
    {
        var payload = new JsonObject { ["name"] = component.Name };
        foreach (var (key, value) in component.Config())
        {
            payload[key] = value?.DeepClone();
        }

        if (component.State() is not null)
        {
            payload["stat_t"] = StateTopic(component);
        }

        if (component.TakesCommands)
        {
            payload["cmd_t"] = CommandTopic(component);
        }

        payload["avty_t"] = StatusTopic;
        payload["uniq_id"] = $"{Id}-{component.Component}-{component.ObjectId}";
        payload["dev"] = new JsonObject
        {
            ["ids"] = Id,
            ["name"] = Name,
            ["sw"] = $"esphome v{Version}",
            ["mdl"] = Board,
            ["mf"] = "espressif",
            ["cns"] = new JsonArray(new JsonArray("mac", Id)),
        };
        payload["o"] = new JsonObject { ["name"] = "ESPHome", ["sw"] = Version, ["url"] = "https://esphome.io" };
        return new DiscoveryConfig(component.Component, $"{prefix}/{component.Component}/{Name}/{component.ObjectId}/config", payload);
    }
}
