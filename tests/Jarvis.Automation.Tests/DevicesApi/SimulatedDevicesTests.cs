extern alias automation;

using System.Net;
using System.Net.Http.Json;
using automation::Jarvis.Automation.Model;
using Jarvis.Simulation;
using Jarvis.Simulation.Mqtt;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests.DevicesApi;

[Collection(AutomationCollection.Name)]
public sealed class SimulatedDevicesTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    [Fact]
    public async Task Simulated_devices_appear_with_live_state_and_a_command_switches_the_light_on()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "sim_light");
        await using var simulator = Simulator(harness, devices: 2);
        await simulator.StartAsync();

        var light = await harness.EntityAsync(e => e.Component == "light" && e.State.Value is not null, "the simulated light with its state");
        Assert.Equal("supported", light.Support);
        Assert.True(light.AcceptsCommands);
        Assert.Equal("off", light.State.Value);
        Assert.True(light.State.Available);
        await harness.EntityAsync(e => e.Component == "sensor" && e.State.Value is not null, "a simulated sensor with a reading");

        using var user = harness.User();
        var devices = await user.GetFromJsonAsync<Page<Device>>("/api/devices");
        var device = Assert.Single(devices!.Items, d => d.Entities.Any(e => e.EntityId == light.EntityId));
        Assert.Equal("Living room ceiling", device.Name);
        Assert.Equal([light.EntityId], (await user.GetFromJsonAsync<Device>($"/api/devices/{device.Id}"))!.Entities.Select(e => e.EntityId));

        using var sent = await user.PostAsJsonAsync($"/api/devices/entities/{light.EntityId}/commands", new { command = "turn_on", brightness = 128 });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var accepted = (await sent.Content.ReadFromJsonAsync<CommandAccepted>())!;
        Assert.True(accepted.Status is "sent" or "queued", accepted.Status);
        Assert.Equal($"/api/devices/commands/{accepted.Id}", sent.Headers.Location?.OriginalString);

        var on = await harness.EntityAsync(e => e.EntityId == light.EntityId && e.State.Value == "on", "the light reported on");
        Assert.Equal(128, on.State.Attributes["brightness"]!.GetValue<int>());
        var status = await user.GetFromJsonAsync<CommandStatus>($"/api/devices/commands/{accepted.Id}");
        Assert.Equal(("sent", light.EntityId), (status!.Status, status.EntityId));

        var history = await user.GetFromJsonAsync<Page<StateEvent>>($"/api/devices/entities/{light.EntityId}/history");
        Assert.Equal(["on", "off"], history!.Items.Select(h => h.State).Take(2));
    }

    [Fact]
    public async Task Events_stream_state_changes_and_a_resumed_stream_replays_what_it_missed()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "sim_events");
        await using var simulator = Simulator(harness, devices: 1);
        await simulator.StartAsync();
        var light = await harness.EntityAsync(e => e.Component == "light" && e.State.Value == "off", "the simulated light");
        using var user = harness.User();

        using var stream = await ServerSentEvents.OpenAsync(user, null);
        await Command(user, light.EntityId, "turn_on");
        var first = await stream.NextAsync(e => e.Data.Contains("\"state\":\"on\"", StringComparison.Ordinal));
        Assert.Equal("state", first.Event);

        await Command(user, light.EntityId, "turn_off");
        await harness.EntityAsync(e => e.EntityId == light.EntityId && e.State.Value == "off", "the light reported off");
        await Command(user, light.EntityId, "turn_on");
        await harness.EntityAsync(e => e.EntityId == light.EntityId && e.State.Value == "on", "the light reported on again");

        using var resumed = await ServerSentEvents.OpenAsync(user, first.Id);
        var replayed = await resumed.NextAsync(_ => true);
        var second = await resumed.NextAsync(_ => true);
        Assert.True(long.Parse(replayed.Id, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(first.Id, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"state\":\"off\"", replayed.Data, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"on\"", second.Data, StringComparison.Ordinal);

        using var badResume = new HttpRequestMessage(HttpMethod.Get, "/api/devices/events");
        badResume.Headers.TryAddWithoutValidation("Last-Event-ID", "yesterday");
        await Problem.AssertFieldAsync(await user.SendAsync(badResume), "Last-Event-ID");
    }

    private static async Task Command(HttpClient user, string entityId, string command)
    {
        using var response = await user.PostAsJsonAsync($"/api/devices/entities/{entityId}/commands", new { command });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    internal static DeviceSimulator Simulator(DeviceHarness harness, int devices) => new(new SimulatorOptions
    {
        Broker = BrokerAddress.Parse(harness.Mqtt),
        Devices = devices,
        DiscoveryPrefix = harness.Prefix,
        Zigbee2MqttBaseTopic = "z2m_" + harness.Name,
        Seed = harness.Name.GetHashCode(StringComparison.Ordinal),
        ReadingInterval = TimeSpan.FromHours(1),
    });
}
