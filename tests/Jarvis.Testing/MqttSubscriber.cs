using System.Collections.Concurrent;
using Jarvis.ServiceDefaults.Integrations;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.Testing;

/// <summary>A plain MQTT 5 client on the test's broker that records what arrives on its filters.</summary>
public sealed class MqttSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<MqttApplicationMessage> _messages = new();

    private MqttSubscriber(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _messages.Enqueue(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IReadOnlyList<MqttApplicationMessage> Messages => [.. _messages];

    public static async Task<MqttSubscriber> ConnectAsync(MqttBrokerAddress broker, params string[] filters)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var client = new MqttClientFactory().CreateMqttClient();
        var subscriber = new MqttSubscriber(client);
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId($"test-subscriber-{Guid.NewGuid():N}")
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

    /// <summary>The first message on <paramref name="topic"/>, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<MqttApplicationMessage> WaitForAsync(string topic, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_messages.FirstOrDefault(m => m.Topic == topic) is { } message)
            {
                return message;
            }

            try
            {
                await Task.Delay(20, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"nothing arrived on '{topic}' within {timeout.TotalSeconds:0} s; seen: {string.Join(", ", _messages.Select(m => m.Topic))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
