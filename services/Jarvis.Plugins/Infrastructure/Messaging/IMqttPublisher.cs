namespace Jarvis.Plugins.Infrastructure.Messaging;

/// <summary>Publishes for <c>jarvis.mqtt.publish</c>; the automation service owns the MQTT connection.</summary>
internal interface IMqttPublisher
{
    /// <summary>
    /// Hands the message to the automation service's outbox and returns its id. Blocks the plugin's
    /// runner thread for at most <paramref name="budget"/> (what is left of the call's); a failure is
    /// a <see cref="Lua.HostApiException"/> the plugin sees as a Lua error.
    /// </summary>
    string Publish(string pluginId, string topic, string payload, TimeSpan budget);
}
