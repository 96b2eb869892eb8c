using System.Diagnostics;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Mqtt;

namespace Jarvis.Monitor.Checks;

/// <summary>The broker: a message published by this monitor comes back on its own subscription.</summary>
public sealed class MqttBrokerProbe(MonitorMqtt mqtt) : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.MqttBroker];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await mqtt.RoundTripAsync(cancellationToken);
        return ProbeResult.Pass(Stopwatch.GetElapsedTime(started).TotalMilliseconds, "publish/subscribe round trip");
    }
}
