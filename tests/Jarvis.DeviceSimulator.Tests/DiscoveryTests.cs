using System.Text.Json.Nodes;
using Jarvis.Simulation.Devices;
using Jarvis.Simulation.Devices.EspHome;
using Jarvis.Simulation.Devices.Tasmota;
using Jarvis.Simulation.Devices.Zigbee;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class DiscoveryTests(MosquittoFixture mqtt)
{
    [Fact]
    public async Task Every_entity_of_every_shape_has_a_retained_config_that_parses_with_the_keys_of_its_shape()
    {
        var options = Simulators.For(mqtt);
        await using var simulator = new DeviceSimulator(options);
        await simulator.StartAsync();

        // Subscribing after the start: only what the broker retained arrives.
        await using var probe = await MqttProbe.ConnectAsync(mqtt, $"{options.DiscoveryPrefix}/#");
        var expected = simulator.Discovery();
        await Eventually.HoldsAsync(() => probe.Messages.Count >= expected.Count, $"{expected.Count} retained configs");

        var received = probe.Messages;
        Assert.All(received, m => Assert.True(m.Retained, m.Topic));
        Assert.Equal(expected.Select(c => c.Topic).Order(), received.Select(m => m.Topic).Order());
        Assert.Superset(
            new HashSet<string> { "light", "sensor", "binary_sensor", "switch", "cover", "climate", "number", "select", "button" },
            received.Select(m => m.Topic.Split('/')[1]).ToHashSet());

        foreach (var device in simulator.Devices)
        {
            foreach (var config in device.Discovery(options.DiscoveryPrefix))
            {
                var payload = Assert.IsType<JsonObject>(JsonNode.Parse(received.Single(m => m.Topic == config.Topic).Payload));
                Assert.True(payload.ContainsKey("uniq_id"), config.Topic);
                Assert.True(payload.ContainsKey("name"), config.Topic);
                Assert.NotNull(payload["dev"]?["ids"]);
                switch (device)
                {
                    case ZigbeeDevice zigbee:
                        AssertZigbee2Mqtt(zigbee, config.Component, payload);
                        break;
                    case TasmotaDevice tasmota:
                        AssertTasmota(tasmota, config.Component, payload);
                        break;
                    case EspHomeNode node:
                        AssertEspHome(node, config.Component, payload);
                        break;
                }
            }
        }

        Assert.Equal(3, simulator.Devices.Select(d => d.Family).Distinct().Count());
    }

    private static void AssertZigbee2Mqtt(ZigbeeDevice device, string component, JsonObject payload)
    {
        Assert.Equal(device.Topic, (string?)payload["~"]);
        Assert.StartsWith($"{device.BridgeTopic}/", device.Topic, StringComparison.Ordinal);
        var availability = Assert.IsType<JsonArray>(payload["avty"]);
        Assert.Equal([$"{device.BridgeTopic}/bridge/state", "~/availability"], availability.Select(a => (string?)a?["t"]));
        Assert.Equal("all", (string?)payload["avty_mode"]);
        Assert.Equal("Zigbee2MQTT", (string?)payload["o"]?["name"]);
        switch (component)
        {
            case "light":
                Assert.Equal("json", (string?)payload["schema"]);
                Assert.True((bool?)payload["brightness"]);
                Assert.Equal(254, (int?)payload["bri_scl"]);
                Assert.Equal(["color_temp"], payload["sup_clrm"]!.AsArray().Select(m => (string?)m));
                Assert.Equal("~/set", (string?)payload["cmd_t"]);
                Assert.Equal("~", (string?)payload["stat_t"]);
                break;
            case "sensor" or "binary_sensor":
                Assert.Equal("~", (string?)payload["stat_t"]);
                Assert.Matches(@"^\{\{ value_json\.[a-z_]+ \}\}$", (string?)payload["val_tpl"]);
                break;
            case "switch":
                Assert.Equal("~/set", (string?)payload["cmd_t"]);
                Assert.Equal("ON", (string?)payload["pl_on"]);
                break;
            case "cover":
                Assert.Equal("~/set", (string?)payload["set_pos_t"]);
                Assert.Equal("{{ value_json.position }}", (string?)payload["pos_tpl"]);
                break;
            case "climate":
                Assert.Equal("~/set/current_heating_setpoint", (string?)payload["temp_cmd_t"]);
                Assert.Equal("~/set/system_mode", (string?)payload["mode_cmd_t"]);
                break;
            default:
                Assert.Fail($"Zigbee2MQTT device {device.Name} has an unexpected {component}.");
                break;
        }
    }

    private static void AssertTasmota(TasmotaDevice device, string component, JsonObject payload)
    {
        Assert.Equal($"tele/{device.Name}/LWT", (string?)payload["avty_t"]);
        Assert.Equal("Online", (string?)payload["pl_avail"]);
        Assert.Equal("Offline", (string?)payload["pl_not_avail"]);
        if (component == "switch")
        {
            Assert.Equal($"cmnd/{device.Name}/POWER", (string?)payload["cmd_t"]);
            Assert.Equal($"stat/{device.Name}/POWER", (string?)payload["stat_t"]);
        }
        else
        {
            Assert.Equal("sensor", component);
            Assert.Equal($"tele/{device.Name}/SENSOR", (string?)payload["stat_t"]);
            Assert.Matches(@"^\{\{value_json\['(ENERGY|AM2301)'\]\.[A-Za-z]+\}\}$", (string?)payload["val_tpl"]);
        }
    }

    private static void AssertEspHome(EspHomeNode node, string component, JsonObject payload)
    {
        Assert.Equal($"{node.Name}/status", (string?)payload["avty_t"]);
        Assert.Equal("ESPHome", (string?)payload["o"]?["name"]);
        var part = node.Components.Single(c => c.Component == component && c.Name == (string?)payload["name"]);
        if (part.State() is not null)
        {
            Assert.Equal(node.StateTopic(part), (string?)payload["stat_t"]);
        }

        if (part.TakesCommands)
        {
            Assert.Equal(node.CommandTopic(part), (string?)payload["cmd_t"]);
        }

        switch (component)
        {
            case "light":
                Assert.Equal("json", (string?)payload["schema"]);
                break;
            case "select":
                Assert.NotEmpty(payload["ops"]!.AsArray());
                break;
            case "number":
                Assert.NotNull(payload["max"]);
                break;
            case "button":
                Assert.Equal("PRESS", (string?)payload["pl_prs"]);
                break;
        }
    }
}
