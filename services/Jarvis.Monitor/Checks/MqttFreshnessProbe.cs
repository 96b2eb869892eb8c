using System.Collections.Concurrent;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Mqtt;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// MQTT freshness: a topic (or filter) silent for longer than <c>maxSilenceSeconds</c> is down, as a sensor whose
/// battery died is an outage too. Retained messages do not count (a dead sensor's last state is retained).
/// Silence is counted from when the monitor started listening, at the earliest.
/// </summary>
public sealed class MqttFreshnessProbe(MonitorMqtt mqtt, TimeProvider time) : IProbe
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _watchedSince = new(StringComparer.Ordinal);

    public IEnumerable<CheckKind> Kinds => [CheckKind.MqttFreshness];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var topic = check.Topic!;
        if (!mqtt.IsConnected)
        {
            return ProbeResult.Fail(0, "Not connected to the MQTT broker; cannot tell whether the topic speaks.");
        }

        var now = time.GetUtcNow();
        if (_watchedSince.TryAdd(topic, now))
        {
            await mqtt.WatchAsync(topic, cancellationToken);
        }

        var listeningSince = Max(_watchedSince[topic], mqtt.ConnectedSince);
        var last = mqtt.LastHeard(topic);
        var silentSince = last is { } heard && heard > listeningSince ? heard : listeningSince;
        var silence = now - silentSince;
        var limit = TimeSpan.FromSeconds(check.MaxSilenceSeconds ?? 600);
        if (silence <= limit)
        {
            return ProbeResult.Pass(0, last is null ? $"Listening for {silence.TotalSeconds:F0} s; nothing yet." : $"Last message {silence.TotalSeconds:F0} s ago.");
        }

        return ProbeResult.Fail(0, last is null
            ? $"No message on {topic} in {silence.TotalSeconds:F0} s (limit {limit.TotalSeconds:F0} s)."
            : $"Silent for {silence.TotalSeconds:F0} s (limit {limit.TotalSeconds:F0} s); last message at {last:O}.");
    }

    public async Task ReleaseAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Topic is { } topic && _watchedSince.TryRemove(topic, out _))
        {
            await mqtt.UnwatchAsync(topic, cancellationToken);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
