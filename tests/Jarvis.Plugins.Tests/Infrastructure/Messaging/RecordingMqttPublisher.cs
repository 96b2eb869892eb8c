using System.Collections.Concurrent;
using Jarvis.Plugins.Infrastructure.Messaging;

namespace Jarvis.Plugins.Tests.Infrastructure.Messaging;

/// <summary>
/// A fake automation service for tests of the sandbox alone: it records what a plugin publishes and
/// answers an id. The real path (the gRPC publisher and the automation service) is tested in
/// <see cref="AutomationMqttPublisherTests"/> and <c>Service/PublishThroughAutomationTests</c>.
/// </summary>
internal sealed class RecordingMqttPublisher : IMqttPublisher
{
    public ConcurrentQueue<(string PluginId, string Topic, string Payload)> Published { get; } = new();

    public string Publish(string pluginId, string topic, string payload, TimeSpan budget)
    {
        Published.Enqueue((pluginId, topic, payload));
        return Guid.NewGuid().ToString();
    }
}
