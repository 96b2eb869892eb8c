using Jarvis.Automation.Devices.Availability;
using Jarvis.Automation.Devices.Components;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices;

/// <summary>
/// One entity as its discovery config describes it. Unsupported and invalid entities are kept too, with
/// <see cref="Problem"/> saying why, so that a person sees them.
/// </summary>
public sealed record DiscoveredEntity
{
    /// <summary>The stable identity: where the config came from (see <see cref="DiscoveryKey"/>).</summary>
    public required DiscoveryKey Key { get; init; }

    /// <summary>The discovery topic the config arrived on (several entities share it in the device form).</summary>
    public required string DiscoveryTopic { get; init; }

    /// <summary>The component (platform): light, switch, sensor, … as published, also when unsupported.</summary>
    public required string Component { get; init; }

    /// <summary>Supported, unsupported or invalid.</summary>
    public required EntitySupport Support { get; init; }

    /// <summary>Why the entity is unsupported or invalid; null when supported.</summary>
    public string? Problem { get; init; }

    /// <summary>The entity's name; null when it has none (then the device's name names it).</summary>
    public string? Name { get; init; }

    /// <summary><c>unique_id</c>, when given.</summary>
    public string? UniqueId { get; init; }

    /// <summary><c>object_id</c>, when given: the preferred source of the entity id.</summary>
    public string? ObjectId { get; init; }

    /// <summary><c>default_entity_id</c>, when given (newer bridges): the entity id asked for.</summary>
    public string? DefaultEntityId { get; init; }

    /// <summary>The device, when the config names one.</summary>
    public DeviceInfo? Device { get; init; }

    /// <summary>How availability is told.</summary>
    public AvailabilitySpec Availability { get; init; } = AvailabilitySpec.Always;

    /// <summary>The component's options, typed; null when unsupported or invalid.</summary>
    public ComponentConfig? Config { get; init; }

    /// <summary><c>json_attributes_topic</c>: a JSON object whose keys become attributes.</summary>
    public string? JsonAttributesTopic { get; init; }

    /// <summary><c>json_attributes_template</c>, applied before the attributes are read.</summary>
    public Template? JsonAttributesTemplate { get; init; }

    /// <summary>QoS for commands (<c>qos</c>, 0 unless set).</summary>
    public int Qos { get; init; }

    /// <summary>Whether commands are retained (<c>retain</c>).</summary>
    public bool Retain { get; init; }

    /// <summary>
    /// The config as received, with abbreviations and <c>~</c> expanded, as compact JSON: what storage keeps. Kept as
    /// text rather than a <see cref="System.Text.Json.Nodes.JsonObject"/>: with 10,000 entities the DOMs alone held
    /// about 40 MB (docs/benchmarks.md, Devices: resident memory).
    /// </summary>
    public required string ConfigJson { get; init; }

    /// <summary>Every topic that carries state or attributes for this entity (availability topics are in <see cref="Availability"/>).</summary>
    public IReadOnlyList<string> StateTopics =>
        (Config?.StateTopics ?? []).Append(JsonAttributesTopic).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
