using Jarvis.Simulation.Devices;

namespace Jarvis.Simulation.Tests;

public sealed class FleetTests
{
    [Fact]
    public void Twelve_devices_by_default_cover_the_three_shapes_and_every_component()
    {
        var fleet = Fleet.Build(new SimulatorOptions());
        var components = fleet.Devices.SelectMany(d => d.Discovery("homeassistant")).Select(c => c.Component).ToHashSet();

        Assert.Equal(12, fleet.Devices.Count);
        Assert.Equal([DeviceFamily.Zigbee2Mqtt, DeviceFamily.Tasmota, DeviceFamily.EspHome], fleet.Devices.Select(d => d.Family).Distinct().Order());
        Assert.Superset(new HashSet<string> { "light", "sensor", "binary_sensor", "switch", "cover", "climate", "number", "select", "button" }, components);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(26)]
    [InlineData(1000)]
    public void Entities_asks_for_exactly_that_many(int entities)
    {
        var fleet = Fleet.Build(new SimulatorOptions { Entities = entities });

        Assert.Equal(entities, fleet.EntityCount("homeassistant"));
    }

    [Fact]
    public void Every_unique_id_topic_and_client_id_is_distinct_at_a_thousand_entities()
    {
        var fleet = Fleet.Build(new SimulatorOptions { Entities = 1000 });
        var configs = fleet.Devices.SelectMany(d => d.Discovery("homeassistant")).ToList();

        Assert.Equal(configs.Count, configs.Select(c => (string?)c.Payload["uniq_id"]).Distinct().Count());
        Assert.Equal(configs.Count, configs.Select(c => c.Topic).Distinct().Count());
        Assert.Equal(fleet.Gateways.Count, fleet.Gateways.Select(g => g.ClientId).Distinct().Count());
        Assert.Equal(fleet.Devices.Count, fleet.Devices.Select(d => d.Name).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_devices_so_a_restart_adds_none()
    {
        static IEnumerable<string> Ids(int seed) =>
            Fleet.Build(new SimulatorOptions { Seed = seed }).Devices.SelectMany(d => d.Discovery("homeassistant")).Select(c => c.Payload.ToJsonString());

        Assert.Equal(Ids(5), Ids(5));
        Assert.NotEqual(Ids(5), Ids(6));
    }

    [Theory]
    [InlineData("Living room ceiling", "living_room_ceiling")]
    [InlineData("  Kitchen -- spots 2 ", "kitchen_spots_2")]
    public void Slugs_are_written_as_Home_Assistant_writes_them(string name, string slug) =>
        Assert.Equal(slug, SimulatedDevice.Slug(name));
}
