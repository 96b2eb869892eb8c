using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>
/// A device behind a Zigbee2MQTT bridge: state as one JSON object on <c>&lt;base&gt;/&lt;friendly name&gt;</c>,
/// commands on <c>…/set</c>, availability from the bridge and the device. Discovery uses Home Assistant's
/// abbreviated keys with <c>~</c> as the device's base topic.
/// </summary>
public abstract class ZigbeeDevice(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : SimulatedDevice(name, ieeeAddress)
{
    public const string Version = "2.1.3";

    public override DeviceFamily Family => DeviceFamily.Zigbee2Mqtt;

    /// <summary>Zigbee2MQTT's <c>mqtt.base_topic</c>.</summary>
    public string BridgeTopic { get; } = baseTopic;

    /// <summary><c>&lt;base&gt;/&lt;friendly name&gt;</c>: the state topic and the <c>~</c> of every config.</summary>
    public string Topic => $"{BridgeTopic}/{Name}";

    public string SetTopic => $"{Topic}/set";

    public string AvailabilityTopic => $"{Topic}/availability";

    public override IReadOnlyList<string> CommandTopics => [SetTopic];

    protected abstract string Vendor { get; }

    protected abstract string Model { get; }

    protected abstract string Description { get; }

    public override IReadOnlyList<OutgoingMessage> Availability(bool online) =>
        [new(AvailabilityTopic, Json.Write(new JsonObject { ["state"] = online ? "online" : "offline" }), Retain: true)];

    /// <summary>Zigbee2MQTT publishes state with <c>retain: true</c> when the device is configured so, as its docs advise for Home Assistant.</summary>
    protected OutgoingMessage StateMessage(JsonObject state) => new(Topic, Json.Write(state), Retain: true);

    protected sealed override IReadOnlyList<OutgoingMessage> CurrentState() => [StateMessage(StateObject())];

    protected abstract JsonObject StateObject();

    /// <summary>The config every Zigbee2MQTT entity shares; <paramref name="objectId"/> is z2m's own (<c>light</c>, <c>temperature</c>).</summary>
    protected DiscoveryConfig Config(string prefix, string component, string objectId, string? entityName, JsonObject specific)
    {
        var payload = new JsonObject
        {
            ["~"] = Topic,
            ["name"] = entityName,
            ["obj_id"] = component == objectId ? Slug(Name) : $"{Slug(Name)}_{objectId}",
            ["uniq_id"] = $"{Id}_{objectId}_{BridgeTopic}",
            ["avty"] = new JsonArray(
                new JsonObject { ["t"] = $"{BridgeTopic}/bridge/state", ["val_tpl"] = "{{ value_json.state }}" },
                new JsonObject { ["t"] = "~/availability", ["val_tpl"] = "{{ value_json.state }}" }),
            ["avty_mode"] = "all",
            ["dev"] = new JsonObject
            {
                ["ids"] = new JsonArray($"zigbee2mqtt_{Id}"),
                ["name"] = Name,
                ["mf"] = Vendor,
                ["mdl"] = $"{Description} ({Model})",
                ["via_device"] = $"zigbee2mqtt_bridge_{bridgeAddress}",
            },
            ["o"] = new JsonObject { ["name"] = "Zigbee2MQTT", ["sw"] = Version, ["url"] = "https://www.zigbee2mqtt.io" },
        };
        foreach (var (key, value) in specific)
        {
            payload[key] = value?.DeepClone();
        }

        return new DiscoveryConfig(component, $"{prefix}/{component}/{Id}/{objectId}/config", payload);
    }

    /// <summary>A sensor reading one key of the state object, as z2m discovers it.</summary>
    protected DiscoveryConfig Sensor(string prefix, string key, string name, string? unit, string? deviceClass, bool diagnostic = false)
    {
        var specific = new JsonObject
        {
            ["stat_t"] = "~",
            ["val_tpl"] = $"{{{{ value_json.{key} }}}}",
            ["stat_cla"] = "measurement",
        };
        if (unit is not null)
        {
            specific["unit_of_meas"] = unit;
        }

        if (deviceClass is not null)
        {
            specific["dev_cla"] = deviceClass;
        }

        if (diagnostic)
        {
            specific["ent_cat"] = "diagnostic";
        }

        return Config(prefix, "sensor", key, name, specific);
    }

    /// <summary>The command payload as z2m reads it: JSON, or a bare <c>ON</c>/<c>OFF</c>/<c>TOGGLE</c> meaning the state.</summary>
    protected static JsonObject? Command(string payload) =>
        Json.TryObject(payload)
        ?? (payload.Trim().ToUpperInvariant() is "ON" or "OFF" or "TOGGLE" ? new JsonObject { ["state"] = payload.Trim().ToUpperInvariant() } : null);

    /// <summary>Applies an ON/OFF/TOGGLE to <paramref name="on"/>; false when the value is none of these.</summary>
    protected static bool Switch(JsonNode? state, ref bool on)
    {
        switch ((state is JsonValue value && value.TryGetValue<string>(out var text) ? text : null)?.ToUpperInvariant())
        {
            case "ON":
                on = true;
                return true;
            case "OFF":
                on = false;
                return true;
            case "TOGGLE":
                on = !on;
                return true;
            default:
                return false;
        }
    }

    protected static int LinkQuality(Random random) => random.Next(60, 255);
}
