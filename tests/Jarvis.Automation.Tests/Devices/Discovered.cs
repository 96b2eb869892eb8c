extern alias automation;

using System.Text;
using automation::Jarvis.Automation.Devices;
using automation::Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Runs one discovery message through a fresh registry and hands back what it made.</summary>
internal static class Discovered
{
    public static DiscoveredEntity One(string topic, string json)
    {
        var changes = new DiscoveryRegistry().Apply(topic, Encoding.UTF8.GetBytes(json));
        var change = Assert.Single(changes);
        Assert.Equal(DiscoveryChangeKind.Added, change.Kind);
        return change.Entity!;
    }

    public static DiscoveredEntity Supported(string topic, string json)
    {
        var entity = One(topic, json);
        Assert.True(entity.Support == EntitySupport.Supported, entity.Problem);
        return entity;
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
