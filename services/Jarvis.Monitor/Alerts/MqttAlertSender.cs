using Jarvis.Monitor.Mqtt;

namespace Jarvis.Monitor.Alerts;

/// <summary>MQTT: <c>jarvis/alerts/&lt;check&gt;</c> (or <c>&lt;prefix&gt;/&lt;check&gt;</c> for a channel with a topic prefix), JSON, retained.</summary>
public sealed class MqttAlertSender(MonitorMqtt mqtt) : IAlertSender
{
    public const string DefaultPrefix = "jarvis/alerts";

    public string Kind => "mqtt";

    public Task SendAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var prefix = string.IsNullOrEmpty(delivery.Url) ? DefaultPrefix : delivery.Url.TrimEnd('/');
        return mqtt.PublishAsync($"{prefix}/{delivery.CheckId}", delivery.Payload, cancellationToken);
    }
}
