using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jarvis.Simulation.Devices;
using Jarvis.Simulation.Devices.EspHome;
using Jarvis.Simulation.Devices.Tasmota;
using Jarvis.Simulation.Devices.Zigbee;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class CommandTests(MosquittoFixture mqtt)
{
    [Fact]
    public async Task A_Zigbee2MQTT_light_turned_on_publishes_its_new_state_with_the_brightness()
    {
        await using var run = await RunningAsync();
        var light = run.Simulator.Devices.OfType<ZigbeeLight>().First();

        await run.Probe.PublishAsync(light.SetTopic, """{"state":"ON","brightness":200,"color_temp":300}""");

        var state = await run.NextStateAsync(light.Topic, s => (string?)s["state"] == "ON");
        Assert.Equal(200, (int?)state["brightness"]);
        Assert.Equal(300, (int?)state["color_temp"]);
        Assert.Contains(run.Obeyed, c => c.Device == light && c.Topic == light.SetTopic);
    }

    [Fact]
    public async Task An_ESPHome_light_turned_on_publishes_its_new_state_with_the_brightness()
    {
        await using var run = await RunningAsync();
        var node = run.Simulator.Devices.OfType<EspHomeNode>().First(n => n.Components.Any(c => c is EspHomeLight));
        var light = node.Components.OfType<EspHomeLight>().Single();

        await run.Probe.PublishAsync(node.CommandTopic(light), """{"state":"ON","brightness":128}""");

        var state = await run.NextStateAsync(node.StateTopic(light), s => (string?)s["state"] == "ON");
        Assert.Equal(128, (int?)state["brightness"]);
    }

    [Fact]
    public async Task A_Tasmota_relay_switched_on_reports_POWER_ON_on_stat_and_RESULT()
    {
        await using var run = await RunningAsync();
        var plug = run.Simulator.Devices.OfType<TasmotaDevice>().First();

        await run.Probe.PublishAsync(plug.PowerCommandTopic, "ON");

        await Eventually.HoldsAsync(() => run.Probe.Live.Any(m => m.Topic == plug.PowerStateTopic && m.Payload == "ON"), "stat/…/POWER ON");
        var result = await run.NextStateAsync(plug.ResultTopic, s => (string?)s["POWER"] == "ON");
        Assert.NotNull(result);
    }

    [Fact]
    public async Task Cover_climate_number_select_switch_and_button_obey_their_commands()
    {
        await using var run = await RunningAsync();
        var devices = run.Simulator.Devices;
        var cover = devices.OfType<ZigbeeCover>().First();
        var thermostat = devices.OfType<ZigbeeThermostat>().First();
        var plug = devices.OfType<ZigbeePlug>().First();
        var garage = devices.OfType<EspHomeNode>().First(n => n.Components.Any(c => c is EspHomeButton));
        var number = garage.Components.OfType<EspHomeNumber>().Single();
        var select = garage.Components.OfType<EspHomeSelect>().Single();
        var button = garage.Components.OfType<EspHomeButton>().Single();

        await run.Probe.PublishAsync(cover.SetTopic, """{ "position": 30 }""");
        await run.Probe.PublishAsync(thermostat.SetpointTopic, "22.5");
        await run.Probe.PublishAsync(thermostat.ModeTopic, "auto");
        await run.Probe.PublishAsync(plug.SetTopic, "ON");
        await run.Probe.PublishAsync(garage.CommandTopic(number), "75");
        await run.Probe.PublishAsync(garage.CommandTopic(select), "High");
        await run.Probe.PublishAsync(garage.CommandTopic(button), "PRESS");

        Assert.Equal(30, (int?)(await run.NextStateAsync(cover.Topic, s => (int?)s["position"] == 30))["position"]);
        await run.NextStateAsync(thermostat.Topic, s => (double?)s["current_heating_setpoint"] == 22.5 && (string?)s["system_mode"] == "auto");
        await run.NextStateAsync(plug.Topic, s => (string?)s["state"] == "ON");
        await Eventually.HoldsAsync(() => run.Probe.Live.Any(m => m.Topic == garage.StateTopic(number) && m.Payload == "75"), "number at 75");
        await Eventually.HoldsAsync(() => run.Probe.Live.Any(m => m.Topic == garage.StateTopic(select) && m.Payload == "High"), "select at High");
        await Eventually.HoldsAsync(() => button.Presses == 1, "the button pressed");
    }

    [Fact]
    public async Task A_command_the_device_does_not_understand_changes_nothing()
    {
        await using var run = await RunningAsync();
        var light = run.Simulator.Devices.OfType<ZigbeeLight>().First();
        var plug = run.Simulator.Devices.OfType<ZigbeePlug>().First();

        await run.Probe.PublishAsync(light.SetTopic, "not json and not a state");
        await run.Probe.PublishAsync(plug.SetTopic, "ON");

        // Commands are handled in order per connection: once the plug has answered, the light's was dealt with.
        await run.NextStateAsync(plug.Topic, s => (string?)s["state"] == "ON");
        Assert.DoesNotContain(run.Probe.Live, m => m.Topic == light.Topic);
        Assert.DoesNotContain(run.Obeyed, c => c.Device == light);
    }

    private async Task<Running> RunningAsync()
    {
        var options = Simulators.For(mqtt);
        var simulator = new DeviceSimulator(options);
        var obeyed = new ConcurrentQueue<ObeyedCommand>();
        simulator.CommandObeyed += (_, command) => obeyed.Enqueue(command);
        await simulator.StartAsync();
        var probe = await MqttProbe.ConnectAsync(mqtt, $"{options.Zigbee2MqttBaseTopic}/#", "stat/#", "kitchen-esp/#", "garage-esp/#");
        return new Running(simulator, probe, obeyed);
    }

    private sealed record Running(DeviceSimulator Simulator, MqttProbe Probe, ConcurrentQueue<ObeyedCommand> Obeyed) : IAsyncDisposable
    {
        /// <summary>The first state published after the subscription on <paramref name="topic"/> that satisfies <paramref name="match"/>.</summary>
        public async Task<JsonObject> NextStateAsync(string topic, Func<JsonObject, bool> match)
        {
            JsonObject? found = null;
            await Eventually.HoldsAsync(() =>
            {
                found = Probe.Live.Where(m => m.Topic == topic).Select(m => Json.TryObject(m.Payload)).FirstOrDefault(s => s is not null && match(s));
                return found is not null;
            }, $"a state on {topic}");
            return found!;
        }

        public async ValueTask DisposeAsync()
        {
            await Probe.DisposeAsync();
            await Simulator.DisposeAsync();
        }
    }
}
