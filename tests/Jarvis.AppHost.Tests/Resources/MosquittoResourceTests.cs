using System.Collections.Concurrent;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Jarvis.AppHost.Tests.Resources;

public sealed class MosquittoResourceTests(MosquittoFixture mqtt) : IClassFixture<MosquittoFixture>
{
    [Fact]
    public async Task A_published_message_reaches_a_subscriber()
    {
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscriber = await ConnectAsync("roundtrip-sub", cleanSession: true, m => received.TrySetResult(m));
        await subscriber.SubscribeAsync("jarvis/test/roundtrip", MqttQualityOfServiceLevel.AtLeastOnce);

        using var publisher = await ConnectAsync("roundtrip-pub", cleanSession: true);
        await publisher.PublishAsync(Message("jarvis/test/roundtrip", "ping"));

        Assert.Equal("ping", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_QoS1_message_queued_for_an_offline_session_survives_kill_9_of_the_broker()
    {
        const string topic = "jarvis/test/durable";
        using (var subscriber = await ConnectAsync("durable-sub", cleanSession: false))
        {
            await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
            await subscriber.DisconnectAsync();
        }

        using (var publisher = await ConnectAsync("durable-pub", cleanSession: true))
        {
            await publisher.PublishAsync(Message(topic, "kept across a crash"));
            await publisher.DisconnectAsync();
        }

        // Acknowledged: a save that starts after this moment holds the queued message.
        var published = DateTime.UtcNow;

        // autosave_interval 1: the broker writes the queue to disk within a second or two.
        var store = Path.Combine(mqtt.App.StateDirectory, "mosquitto", "data", "mosquitto.db");
        await WaitUntil(() => File.Exists(store) && File.GetLastWriteTimeUtc(store) > published, TimeSpan.FromSeconds(15));
        var pidBefore = mqtt.App.ProcessId("mqtt");
        var killedAt = DateTime.UtcNow;
        mqtt.App.KillResource("mqtt");
        await WaitUntil(() => mqtt.App.Restarts("mqtt") == 1, TimeSpan.FromSeconds(30));
        await mqtt.App.WaitForHealthyAsync("mqtt", TimeSpan.FromSeconds(30), killedAt);
        Assert.NotEqual(pidBefore, mqtt.App.ProcessId("mqtt"));

        var received = new ConcurrentQueue<string>();
        using var again = await ConnectAsync("durable-sub", cleanSession: false, received.Enqueue);
        await WaitUntil(() => !received.IsEmpty, TimeSpan.FromSeconds(10));
        Assert.Equal(["kept across a crash"], received.ToArray());
    }

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();

    private async Task<IMqttClient> ConnectAsync(string clientId, bool cleanSession, Action<string>? onMessage = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        if (onMessage is not null)
        {
            client.ApplicationMessageReceivedAsync += e =>
            {
                onMessage(e.ApplicationMessage.ConvertPayloadToString());
                return Task.CompletedTask;
            };
        }

        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Address.Host, mqtt.Address.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(cleanSession)
            .Build();
        await client.ConnectAsync(options);
        return client;
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition())
        {
            await Task.Delay(50, cts.Token);
        }
    }
}
