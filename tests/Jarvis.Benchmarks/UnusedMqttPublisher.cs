using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Infrastructure.Messaging;

namespace Jarvis.Benchmarks;

/// <summary>The benchmarked plugins are not granted <c>jarvis.mqtt.publish</c>; nothing reaches this.</summary>
internal sealed class UnusedMqttPublisher : IMqttPublisher
{
    public string Publish(string pluginId, string topic, string payload, TimeSpan budget) =>
        throw new HostApiException("the benchmark has no automation service");
}
