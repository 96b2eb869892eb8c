using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Benchmarks;

/// <summary>
/// The automations benchmark's subscriber: one MQTT 5 connection (QoS 1) that notes, per topic, when each message
/// arrived (Stopwatch ticks): the switches' command topics (<c>bench/w&lt;i&gt;/set</c>) and the bare echo topics.
/// </summary>
internal sealed class CommandListener : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(long At, string Payload)>> _topics = new(StringComparer.Ordinal);
    private long _total;

    private CommandListener(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var at = Stopwatch.GetTimestamp();
            var payload = Encoding.ASCII.GetString(e.ApplicationMessage.Payload);
            _topics.GetOrAdd(e.ApplicationMessage.Topic, _ => new ConcurrentQueue<(long, string)>()).Enqueue((at, payload));
            Interlocked.Increment(ref _total);
            return Task.CompletedTask;
        };
    }

    /// <summary>Messages received on every topic since the start.</summary>
    public long Total => Interlocked.Read(ref _total);

    public static async Task<CommandListener> ConnectAsync(string host, int port, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var listener = new CommandListener(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"jarvis-bench-listener-{Environment.ProcessId}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build());
        return listener;
    }

    /// <summary>What arrived on <paramref name="topic"/> so far, in order of arrival.</summary>
    public (long At, string Payload)[] On(string topic) => _topics.TryGetValue(topic, out var queue) ? [.. queue] : [];

    /// <summary>Messages received on <paramref name="topic"/> so far.</summary>
    public int Count(string topic) => _topics.TryGetValue(topic, out var queue) ? queue.Count : 0;

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
