using System.Collections.Concurrent;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Simulation.Tests;

/// <summary>A plain MQTT 5 client standing where Jarvis would: it subscribes, records everything, and publishes.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<ReceivedMessage> _messages = new();

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(new ReceivedMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? "", e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<ReceivedMessage> Messages => [.. _messages];

    public IReadOnlyList<ReceivedMessage> Live => [.. _messages.Where(m => !m.Retained)];

    public static async Task<MqttProbe> ConnectAsync(MosquittoFixture mqtt, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var probe = new MqttProbe(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Address.Host, mqtt.Address.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"probe-{Guid.NewGuid():N}")
            .WithCleanStart(true)
            .Build());
        if (filters.Length > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in filters)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await client.SubscribeAsync(subscribe.Build());
        }

        return probe;
    }

    public Task PublishAsync(string topic, string payload) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The last payload seen on <paramref name="topic"/>, if any.</summary>
    public string? Last(string topic) => _messages.LastOrDefault(m => m.Topic == topic)?.Payload;

    public void Clear() => _messages.Clear();

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
