using System.Collections.Concurrent;
using System.Text;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>A plain MQTT 5 subscriber that notes when each message arrived (wall clock, as the service stores due times).</summary>
internal sealed class TimedSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<Received> _messages = new();

    private TimedSubscriber(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(new Received(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), DateTimeOffset.UtcNow));
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<Received> Messages => [.. _messages];

    public static async Task<TimedSubscriber> ConnectAsync(MosquittoFixture mqtt, params string[] filters)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new TimedSubscriber(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Address.Host, mqtt.Address.Port)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithClientId($"timed-subscriber-{Guid.NewGuid():N}")
            .WithCleanStart(true)
            .Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build());
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    public sealed record Received(string Topic, string Payload, DateTimeOffset At);
}
