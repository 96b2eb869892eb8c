using Jarvis.Plugins.Infrastructure.Lua;

namespace Jarvis.Plugins.Infrastructure.Messaging;

/// <summary>
/// The only publisher until the automation service exists: granting and topic checks work and
/// are tested, and a plugin gets a clear failure instead of a message silently lost.
/// </summary>
internal sealed class AutomationNotAvailablePublisher : IMqttPublisher
{
    public void Publish(string pluginId, string topic, string payload) =>
        throw new HostApiException("not available yet: MQTT publishing is wired when the automation service exists");
}
