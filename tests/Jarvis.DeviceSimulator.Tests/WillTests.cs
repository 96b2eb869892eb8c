using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class WillTests(MosquittoFixture mqtt)
{
    [Fact]
    public async Task When_the_connections_drop_without_a_goodbye_the_broker_marks_every_gateway_offline()
    {
        var options = Simulators.For(mqtt, seed: 11);
        await using var simulator = new DeviceSimulator(options);
        await simulator.StartAsync();
        var gateways = simulator.Gateways;
        await using var probe = await MqttProbe.ConnectAsync(mqtt, [.. gateways.Select(g => g.StatusTopic)]);
        await Eventually.HoldsAsync(() => gateways.All(g => probe.Last(g.StatusTopic) == g.Online.Payload), "every gateway online");

        simulator.Kill();

        await Eventually.HoldsAsync(() => gateways.All(g => probe.Last(g.StatusTopic) == g.Offline.Payload), "every gateway's will published");
        Assert.Contains(gateways, g => g.StatusTopic == $"{options.Zigbee2MqttBaseTopic}/bridge/state" && g.Offline.Payload == """{"state":"offline"}""");
        Assert.Contains(gateways, g => g.StatusTopic.StartsWith("tele/", StringComparison.Ordinal) && g.Offline.Payload == "Offline");
        Assert.Contains(gateways, g => g.StatusTopic.EndsWith("/status", StringComparison.Ordinal) && g.Offline.Payload == "offline");

        // Retained: whoever looks later sees the devices offline too.
        await using var late = await MqttProbe.ConnectAsync(mqtt, [.. gateways.Select(g => g.StatusTopic)]);
        await Eventually.HoldsAsync(() => gateways.All(g => late.Last(g.StatusTopic) == g.Offline.Payload), "the offline status retained");
    }

    [Fact]
    public async Task A_clean_stop_says_offline_itself()
    {
        var options = Simulators.For(mqtt, seed: 12);
        var simulator = new DeviceSimulator(options);
        await simulator.StartAsync();
        var gateways = simulator.Gateways;
        await using var probe = await MqttProbe.ConnectAsync(mqtt, [.. gateways.Select(g => g.StatusTopic)]);
        await Eventually.HoldsAsync(() => gateways.All(g => probe.Last(g.StatusTopic) == g.Online.Payload), "every gateway online");

        await simulator.DisposeAsync();

        await Eventually.HoldsAsync(() => gateways.All(g => probe.Last(g.StatusTopic) == g.Offline.Payload), "every gateway offline");
    }
}
