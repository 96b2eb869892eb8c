extern alias automation;

using System.Text.Json.Nodes;
using automation::Jarvis.Automation.Devices;
using automation::Jarvis.Automation.Devices.Components;
using automation::Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Configs add and update entities in place, empty payloads remove them, device configs manage their components.</summary>
public sealed class DiscoveryRegistryTests
{
    [Fact]
    public void A_config_adds_an_entity_and_a_new_config_updates_it_in_place()
    {
        var registry = new DiscoveryRegistry();

        var added = Assert.Single(registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay)));
        var updated = Assert.Single(registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay.Replace("Tasmota Relay", "Porch Light", StringComparison.Ordinal))));

        Assert.Equal(DiscoveryChangeKind.Added, added.Kind);
        Assert.Equal(DiscoveryChangeKind.Updated, updated.Kind);
        Assert.Equal(added.Key, updated.Key);
        Assert.Equal("Porch Light", Assert.Single(registry.Entities).Name);
    }

    [Fact]
    public void The_same_retained_config_again_changes_nothing()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay));

        Assert.Empty(registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay)));
    }

    [Fact]
    public void An_empty_payload_removes_the_entity()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay));

        var removed = Assert.Single(registry.Apply(Samples.TasmotaRelayTopic, []));

        Assert.Equal(DiscoveryChangeKind.Removed, removed.Kind);
        Assert.Equal("switch/A4CF12ABC123_RL_1", removed.Key!.Value.Value);
        Assert.Empty(registry.Entities);
        Assert.Empty(registry.Apply(Samples.TasmotaRelayTopic, []));
    }

    [Fact]
    public void A_registry_seeded_with_stored_entities_removes_them_too()
    {
        var stored = Discovered.One(Samples.TasmotaRelayTopic, Samples.TasmotaRelay);
        var registry = new DiscoveryRegistry(existing: [stored]);

        Assert.Equal(DiscoveryChangeKind.Removed, Assert.Single(registry.Apply(Samples.TasmotaRelayTopic, [])).Kind);
    }

    [Fact]
    public void A_device_config_adds_each_component_with_the_shared_options()
    {
        var registry = new DiscoveryRegistry();

        var changes = registry.Apply(Samples.DeviceTopic, Discovered.Bytes(Samples.Device));

        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(DiscoveryChangeKind.Added, c.Kind));
        var temperature = registry.Find(new DiscoveryKey("device/ea334450945afc/temperature"))!;
        Assert.Equal(EntitySupport.Supported, temperature.Support);
        Assert.Equal("sensor", temperature.Component);
        Assert.Equal("sensorBedroom/state", Assert.IsType<SensorConfig>(temperature.Config).StateTopic);
        Assert.Equal("sensorBedroom/status", Assert.Single(temperature.Availability.Entries).Topic);
        Assert.Equal(1, temperature.Qos);
        Assert.Equal("Bedroom Sensor", temperature.Device!.Name);
        Assert.Equal(["ea334450945afc"], temperature.Device.Identifiers);
        var heater = registry.Find(new DiscoveryKey("device/ea334450945afc/heater"))!;
        Assert.Equal("sensorBedroom/heater/set", Assert.IsType<SwitchConfig>(heater.Config).CommandTopic);
    }

    [Fact]
    public void A_device_config_without_a_component_removes_it_and_updates_the_rest()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.DeviceTopic, Discovered.Bytes(Samples.Device));
        var config = JsonNode.Parse(Samples.Device)!;
        config["cmps"]!.AsObject().Remove("heater");
        config["cmps"]!["temperature"]!["unit_of_meas"] = "°F";
        var without = config.ToJsonString();

        var changes = registry.Apply(Samples.DeviceTopic, Discovered.Bytes(without));

        Assert.Equal(
            [(DiscoveryChangeKind.Removed, "device/ea334450945afc/heater"), (DiscoveryChangeKind.Updated, "device/ea334450945afc/temperature")],
            changes.Select(c => (c.Kind, c.Key!.Value.Value)));
        Assert.Equal(2, registry.Entities.Count);
    }

    [Fact]
    public void A_component_left_with_only_its_platform_is_removed()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.DeviceTopic, Discovered.Bytes(Samples.Device));
        var platformOnly = Samples.Device.Replace("""{"p":"switch","cmd_t":"~/heater/set","uniq_id":"temp01ae_s"}""", """{"p":"switch"}""", StringComparison.Ordinal);

        var change = Assert.Single(registry.Apply(Samples.DeviceTopic, Discovered.Bytes(platformOnly)));

        Assert.Equal((DiscoveryChangeKind.Removed, "device/ea334450945afc/heater"), (change.Kind, change.Key!.Value.Value));
    }

    [Fact]
    public void An_empty_device_payload_removes_every_component()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.DeviceTopic, Discovered.Bytes(Samples.Device));
        registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay));

        var changes = registry.Apply(Samples.DeviceTopic, []);

        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(DiscoveryChangeKind.Removed, c.Kind));
        Assert.Equal("switch", Assert.Single(registry.Entities).Component);
    }

    [Theory]
    [InlineData("""{"cmps":{"t":{"p":"sensor","stat_t":"a"}}}""", "needs a dev (device) object")]
    [InlineData("""{"dev":{"ids":"x"}}""", "needs a cmps (components) object")]
    public void A_device_config_missing_its_parts_is_rejected(string json, string message)
    {
        var change = Assert.Single(new DiscoveryRegistry().Apply(Samples.DeviceTopic, Discovered.Bytes(json)));

        Assert.Equal(DiscoveryChangeKind.Rejected, change.Kind);
        Assert.Contains(message, change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_component_without_a_platform_is_listed_as_invalid()
    {
        var json = """{"dev":{"ids":"x"},"cmps":{"good":{"p":"sensor","stat_t":"a"},"bad":{"stat_t":"b"}}}""";

        var changes = new DiscoveryRegistry().Apply(Samples.DeviceTopic, Discovered.Bytes(json));

        var bad = Assert.Single(changes, c => c.Key!.Value.Value.EndsWith("/bad", StringComparison.Ordinal)).Entity!;
        Assert.Equal(EntitySupport.Invalid, bad.Support);
        Assert.Contains("must be an object with p (platform)", bad.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", ", "is not valid JSON")]
    [InlineData("[1, 2, 3]", "must be a JSON object")]
    [InlineData("\"just text\"", "must be a JSON object")]
    [InlineData("ON", "is not valid JSON")]
    public void Malformed_configs_are_rejected_with_a_reason(string payload, string message)
    {
        var change = Assert.Single(new DiscoveryRegistry().Apply("homeassistant/switch/x/config", Discovered.Bytes(payload)));

        Assert.Equal(DiscoveryChangeKind.Rejected, change.Kind);
        Assert.Contains(message, change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_config_leaves_the_known_entity_as_it_was()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes(Samples.TasmotaRelay));

        var change = Assert.Single(registry.Apply(Samples.TasmotaRelayTopic, Discovered.Bytes("{broken")));

        Assert.Equal(DiscoveryChangeKind.Rejected, change.Kind);
        Assert.Equal("Tasmota Relay", Assert.Single(registry.Entities).Name);
    }

    [Fact]
    public void Invalid_utf8_and_a_one_megabyte_config_are_rejected()
    {
        var registry = new DiscoveryRegistry();
        var huge = Discovered.Bytes("{\"name\":\"" + new string('x', 1024 * 1024) + "\"}");

        var notText = Assert.Single(registry.Apply("homeassistant/switch/x/config", [0x7b, 0xff, 0xfe, 0x7d]));
        var tooLarge = Assert.Single(registry.Apply("homeassistant/switch/x/config", huge));

        Assert.Contains("is not valid JSON", notText.Reason, StringComparison.Ordinal);
        Assert.Contains("at most 65536 are read", tooLarge.Reason, StringComparison.Ordinal);
        Assert.Empty(registry.Entities);
    }

    [Fact]
    public void Topics_with_spaces_or_unicode_are_rejected_and_other_topics_ignored()
    {
        var registry = new DiscoveryRegistry();

        var spaces = Assert.Single(registry.Apply("homeassistant/switch/living room/config", Discovered.Bytes(Samples.TasmotaRelay)));
        var unicode = Assert.Single(registry.Apply("homeassistant/sensor/température/config", Discovered.Bytes(Samples.TasmotaPower)));

        Assert.Equal(DiscoveryChangeKind.Rejected, spaces.Kind);
        Assert.Contains("'living room'", spaces.Reason, StringComparison.Ordinal);
        Assert.Contains("'température'", unicode.Reason, StringComparison.Ordinal);
        Assert.Empty(registry.Apply("zigbee2mqtt/Kitchen Ceiling", Discovered.Bytes("{}")));
        Assert.Empty(registry.Apply("homeassistant/status", Discovered.Bytes("online")));
    }

    [Theory]
    [InlineData("homeassistant/fan/purifier/config", """{"name":"Purifier","cmd_t":"p/set"}""", "component 'fan' is not supported yet")]
    [InlineData("homeassistant/lock/door/config", """{"name":"Door","cmd_t":"d/set"}""", "component 'lock' is not supported yet")]
    [InlineData("homeassistant/light/strip/config", """{"schema":"template","cmd_t":"s/set","cmd_on_tpl":"on","cmd_off_tpl":"off"}""", "light schema 'template' is not supported")]
    public void Unknown_components_are_listed_as_unsupported_with_the_reason(string topic, string json, string reason)
    {
        var entity = Discovered.One(topic, json);

        Assert.Equal(EntitySupport.Unsupported, entity.Support);
        Assert.Contains(reason, entity.Problem, StringComparison.Ordinal);
        Assert.Null(entity.Config);
    }

    [Theory]
    [InlineData("homeassistant/light/l/config", """{"stat_t":"l/state"}""", "a light needs a command_topic")]
    [InlineData("homeassistant/sensor/s/config", """{"name":"x"}""", "a sensor needs a state_topic")]
    [InlineData("homeassistant/select/s/config", """{"cmd_t":"s/set"}""", "a select needs a non-empty options list")]
    [InlineData("homeassistant/switch/s/config", """{"cmd_t":"s/set","qos":"high"}""", "qos must be a number")]
    [InlineData("homeassistant/switch/s/config", """{"cmd_t":"s/set","qos":3}""", "qos must be a whole number from 0 to 2")]
    [InlineData("homeassistant/light/l/config", """{"cmd_t":"l/set","bri_scl":"abc"}""", "brightness_scale must be a number")]
    [InlineData("homeassistant/switch/s/config", """{"cmd_t":"s/+/set"}""", "must not hold the wildcards")]
    [InlineData("homeassistant/switch/s/config", """{"cmd_t":["a"]}""", "command_topic must be a string")]
    [InlineData("homeassistant/sensor/s/config", """{"stat_t":"s","val_tpl":"{% for x in value_json %}{{x}}{% endfor %}"}""", "value_template: statements such as '{% for x in value_json %}' are not supported")]
    [InlineData("homeassistant/sensor/s/config", """{"stat_t":"s","val_tpl":"{{ value | regex_findall('x') }}"}""", "value_template: filter 'regex_findall' is not supported")]
    [InlineData("homeassistant/sensor/s/config", """{"stat_t":"s","avty_t":"a","avty":[{"t":"b"}]}""", "availability_topic and availability cannot both be set")]
    [InlineData("homeassistant/sensor/s/config", """{"stat_t":"s","avty_mode":"most"}""", "availability_mode must be all, any or latest")]
    [InlineData("homeassistant/number/n/config", """{"cmd_t":"n/set","min":10,"max":5}""", "a number needs min < max")]
    public void Wrong_configs_are_listed_as_invalid_with_a_clear_message(string topic, string json, string message)
    {
        var entity = Discovered.One(topic, json);

        Assert.Equal(EntitySupport.Invalid, entity.Support);
        Assert.Contains(message, entity.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_template_spoils_only_its_own_entity()
    {
        var registry = new DiscoveryRegistry();
        registry.Apply("homeassistant/sensor/bad/config", Discovered.Bytes("""{"stat_t":"s","val_tpl":"{{ states('x') }}"}"""));
        registry.Apply(Samples.TasmotaPowerTopic, Discovered.Bytes(Samples.TasmotaPower));

        Assert.Equal(EntitySupport.Invalid, registry.Find(new DiscoveryKey("sensor/bad"))!.Support);
        Assert.Equal(EntitySupport.Supported, registry.Find(new DiscoveryKey("sensor/A4CF12ABC123_ENERGY_Power"))!.Support);
    }
}
