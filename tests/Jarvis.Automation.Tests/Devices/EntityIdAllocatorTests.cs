extern alias automation;

using automation::Jarvis.Automation.Devices.Discovery;
using automation::Jarvis.Automation.Devices.EntityIds;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Entity ids as Home Assistant writes them, collisions numbered, stable for a known discovery key.</summary>
public sealed class EntityIdAllocatorTests
{
    [Theory]
    [InlineData("Kitchen Ceiling", "kitchen_ceiling")]
    [InlineData("  Living-Room  Temp (°C)!! ", "living_room_temp_c")]
    [InlineData("Küche Décor", "kuche_decor")]
    [InlineData("__A__B__", "a_b")]
    [InlineData("🔥", "")]
    public void Slugs_are_lowercase_underscored_and_trimmed(string text, string slug) => Assert.Equal(slug, Slug.From(text));

    [Fact]
    public void The_id_comes_from_object_id_then_device_and_name_then_unique_id()
    {
        Assert.Equal("light.kitchen_ceiling", EntityIdAllocator.Suggest(Discovered.One(Samples.Zigbee2MqttLightTopic, Samples.Zigbee2MqttLight)));
        Assert.Equal("light.desk_lamp", EntityIdAllocator.Suggest(Discovered.One(Samples.EspHomeLampTopic, Samples.EspHomeLamp)));
        Assert.Equal("select.air_purifier_fan_speed", EntityIdAllocator.Suggest(Discovered.One(Samples.EspHomeFanSpeedTopic, Samples.EspHomeFanSpeed)));
        Assert.Equal("light.hall_dimmer", EntityIdAllocator.Suggest(Discovered.One(Samples.TasmotaDimmerTopic, Samples.TasmotaDimmer)));
        Assert.Equal("sensor.bedroom_sensor", EntityIdAllocator.Suggest(Discovered.One("homeassistant/sensor/x/config", """{"stat_t":"s","dev":{"ids":"d","name":"Bedroom Sensor"}}""")));
        Assert.Equal("sensor.temp01ae_t", EntityIdAllocator.Suggest(Discovered.One("homeassistant/sensor/x/config", """{"stat_t":"s","uniq_id":"temp01ae_t"}""")));
        Assert.Equal("sensor.porch", EntityIdAllocator.Suggest(Discovered.One("homeassistant/sensor/x/config", """{"stat_t":"s","dflt_ent_id":"sensor.porch","obj_id":"ignored"}""")));
        Assert.Equal("sensor.x", EntityIdAllocator.Suggest(Discovered.One("homeassistant/sensor/x/config", """{"stat_t":"s","name":"🔥"}""")));
    }

    [Fact]
    public void A_collision_gets_a_number_and_a_known_key_keeps_its_id()
    {
        var allocator = new EntityIdAllocator();
        var first = Discovered.One("homeassistant/sensor/a/config", """{"stat_t":"a","name":"Temperature"}""");
        var second = Discovered.One("homeassistant/sensor/b/config", """{"stat_t":"b","name":"Temperature"}""");
        var third = Discovered.One("homeassistant/sensor/c/config", """{"stat_t":"c","name":"Temperature"}""");

        Assert.Equal("sensor.temperature", allocator.Allocate(first));
        Assert.Equal("sensor.temperature_2", allocator.Allocate(second));
        Assert.Equal("sensor.temperature_3", allocator.Allocate(third));
        Assert.Equal("sensor.temperature_2", allocator.Allocate(second with { Name = "Renamed" }));
    }

    [Fact]
    public void Ids_survive_a_restart_through_the_stored_map()
    {
        var stored = new Dictionary<DiscoveryKey, string> { [new DiscoveryKey("sensor/b")] = "sensor.temperature" };
        var allocator = new EntityIdAllocator(stored);

        var restarted = allocator.Allocate(Discovered.One("homeassistant/sensor/b/config", """{"stat_t":"b","name":"Other"}"""));
        var newcomer = allocator.Allocate(Discovered.One("homeassistant/sensor/a/config", """{"stat_t":"a","name":"Temperature"}"""));

        Assert.Equal("sensor.temperature", restarted);
        Assert.Equal("sensor.temperature_2", newcomer);
        Assert.Equal(2, allocator.Assigned.Count);
    }

    [Fact]
    public void A_released_id_can_be_given_again()
    {
        var allocator = new EntityIdAllocator();
        var entity = Discovered.One("homeassistant/sensor/a/config", """{"stat_t":"a","name":"Temperature"}""");
        allocator.Allocate(entity);

        allocator.Release(entity.Key);

        Assert.Equal("sensor.temperature", allocator.Allocate(Discovered.One("homeassistant/sensor/z/config", """{"stat_t":"z","name":"Temperature"}""")));
    }
}
