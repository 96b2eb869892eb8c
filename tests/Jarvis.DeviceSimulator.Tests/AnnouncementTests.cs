using System.Collections.Concurrent;
using Jarvis.Testing;

namespace Jarvis.Simulation.Tests;

[Collection(SimulatorCollection.Name)]
public sealed class AnnouncementTests(MosquittoFixture mqtt)
{
    [Fact]
    public async Task Home_Assistant_coming_online_makes_every_gateway_announce_its_devices_again()
    {
        var options = Simulators.For(mqtt);
        await using var simulator = new DeviceSimulator(options);
        var announcements = new ConcurrentQueue<Announcement>();
        simulator.Announced += (_, a) => announcements.Enqueue(a);
        await simulator.StartAsync();
        var configs = simulator.Discovery();
        await using var probe = await MqttProbe.ConnectAsync(mqtt, $"{options.DiscoveryPrefix}/+/+/config", $"{options.DiscoveryPrefix}/+/+/+/config");
        await Eventually.HoldsAsync(() => probe.Messages.Count(m => m.Retained) >= configs.Count, "the retained configs");
        Assert.Empty(probe.Live);

        await probe.PublishAsync($"{options.DiscoveryPrefix}/status", "online");

        await Eventually.HoldsAsync(() => probe.Live.Count >= configs.Count, $"{configs.Count} configs announced again");
        Assert.Equal(configs.Select(c => c.Topic).Order(), probe.Live.Select(m => m.Topic).Order());
        await Eventually.HoldsAsync(() => announcements.Count(a => a.Reason == "homeassistant online") == simulator.Gateways.Count, "every gateway announced");
    }
}
