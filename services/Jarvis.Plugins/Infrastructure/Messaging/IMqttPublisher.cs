namespace Jarvis.Plugins.Infrastructure.Messaging;

/// <summary>Publishes for <c>jarvis.mqtt.publish</c>; the automation service will own the MQTT connection.</summary>
internal interface IMqttPublisher
{
    void Publish(string pluginId, string topic, string payload);
}
