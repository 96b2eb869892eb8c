using System.Diagnostics.Metrics;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// The connection's instruments, on meter <c>Jarvis.Automation.Mqtt</c> (exported at <c>/metrics</c>):
/// <c>jarvis_mqtt_connected</c> (1 or 0) and the counters <c>jarvis_mqtt_reconnects_total</c>,
/// <c>jarvis_mqtt_connect_failures_total</c>, <c>jarvis_mqtt_messages_received_total</c>,
/// <c>jarvis_mqtt_messages_published_total</c>, <c>jarvis_mqtt_messages_dead_lettered_total</c>,
/// <c>jarvis_mqtt_outbox_expired_total</c>, <c>jarvis_mqtt_outbox_failed_total</c>.
/// </summary>
public sealed class MqttMetrics
{
    public const string MeterName = "Jarvis.Automation.Mqtt";
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _connectFailures;
    private readonly Counter<long> _received;
    private readonly Counter<long> _published;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _expired;
    private readonly Counter<long> _failed;
    private volatile int _connected;

    public MqttMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        // Names as Prometheus shows them (counters gain _total): no dots to translate, no unit suffix.
        meter.CreateObservableGauge("jarvis_mqtt_connected", () => _connected, description: "1 while connected to the MQTT broker, 0 while not");
        _reconnects = meter.CreateCounter<long>("jarvis_mqtt_reconnects", description: "Connections to the broker restored after a loss");
        _connectFailures = meter.CreateCounter<long>("jarvis_mqtt_connect_failures", description: "Connect attempts that failed");
        _received = meter.CreateCounter<long>("jarvis_mqtt_messages_received", description: "Application messages received");
        _published = meter.CreateCounter<long>("jarvis_mqtt_messages_published", description: "Application messages the broker accepted");
        _deadLettered = meter.CreateCounter<long>("jarvis_mqtt_messages_dead_lettered", description: "Received messages whose handler failed, kept in automation.mqtt_dead_letters");
        _expired = meter.CreateCounter<long>("jarvis_mqtt_outbox_expired", description: "Outbox messages not published within their time to live");
        _failed = meter.CreateCounter<long>("jarvis_mqtt_outbox_failed", description: "Outbox messages the broker refused");
    }

    public bool Connected
    {
        get => _connected == 1;
        set => _connected = value ? 1 : 0;
    }

    public void Reconnected() => _reconnects.Add(1);

    public void ConnectFailed() => _connectFailures.Add(1);

    public void Received() => _received.Add(1);

    public void Published() => _published.Add(1);

    public void DeadLettered() => _deadLettered.Add(1);

    public void Expired(int count) => _expired.Add(count);

    public void Failed() => _failed.Add(1);
}
