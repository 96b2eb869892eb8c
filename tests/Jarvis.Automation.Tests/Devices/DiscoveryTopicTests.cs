extern alias automation;

using automation::Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Discovery topics are recognised under the configured prefix, with or without a node id, and in the device form.</summary>
public sealed class DiscoveryTopicTests
{
    [Theory]
    [InlineData("homeassistant/switch/kitchen/config", "switch", null, "kitchen", "switch/kitchen")]
    [InlineData("homeassistant/light/0x0015/light/config", "light", "0x0015", "light", "light/0x0015/light")]
    [InlineData("homeassistant/device/ea33-44_50/config", "device", null, "ea33-44_50", "device/ea33-44_50")]
    public void Reads_the_parts_and_the_key(string topic, string component, string? nodeId, string objectId, string key)
    {
        Assert.True(DiscoveryTopic.TryParse(topic, "homeassistant", out var parsed, out var error), error);

        Assert.Equal((component, nodeId, objectId), (parsed.Component, parsed.NodeId, parsed.ObjectId));
        Assert.Equal(key, parsed.Key.Value);
    }

    [Fact]
    public void The_prefix_is_configurable()
    {
        Assert.True(DiscoveryTopic.TryParse("my/discovery/sensor/t1/config", "my/discovery", out var parsed, out _));
        Assert.Equal("sensor", parsed.Component);
        Assert.False(DiscoveryTopic.TryParse("homeassistant/sensor/t1/config", "my/discovery", out _, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("zigbee2mqtt/Kitchen Ceiling")]
    [InlineData("homeassistant/status")]
    [InlineData("homeassistant/sensor/t1/state")]
    public void Other_topics_are_not_discovery_and_not_errors(string topic)
    {
        Assert.False(DiscoveryTopic.TryParse(topic, "homeassistant", out _, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("homeassistant/sensor/living room/config", "'living room'")]
    [InlineData("homeassistant/sensor/küche/config", "'küche'")]
    [InlineData("homeassistant/sensor/🔥/config", "'🔥'")]
    [InlineData("homeassistant/sensor/a/b/c/config", "is not <prefix>/<component>")]
    [InlineData("homeassistant/device/n/x/config", "is not <prefix>/device/<id>/config")]
    [InlineData("homeassistant/sensor//config", "has the segment ''")]
    public void Malformed_discovery_topics_are_errors_naming_the_problem(string topic, string message)
    {
        Assert.False(DiscoveryTopic.TryParse(topic, "homeassistant", out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
