extern alias automation;

using System.Collections.Concurrent;
using System.Text;
using automation::Jarvis.Automation.Outbox;
using Jarvis.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>The outbox with the broker up: sent once, in order per topic, its status readable by id, bad input refused.</summary>
[Collection(AutomationCollection.Name)]
public sealed class OutboxTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    [Fact]
    public async Task Two_replicas_draining_one_outbox_send_every_message_once_and_in_order_per_topic()
    {
        await using var scenario = await MqttScenario.CreateAsync(postgres, mqtt, redis);
        var received = new ConcurrentQueue<(string Topic, string Payload)>();
        using var lights = await scenario.ConnectClientAsync("lights");
        lights.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        await lights.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic($"{scenario.Prefix}/cmd/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        await using var one = scenario.Service(new TestHandlerBehaviour(), null, ("Automation:Replicas", "2"), ("Automation:ReplicaIndex", scenario.ReplicaIndex + "a"));
        await using var two = scenario.Service(new TestHandlerBehaviour(), null, ("Automation:Replicas", "2"), ("Automation:ReplicaIndex", scenario.ReplicaIndex + "b"));
        one.CreateClient().Dispose();
        two.CreateClient().Dispose();

        var outboxes = new[] { one.Services.GetRequiredService<MqttOutbox>(), two.Services.GetRequiredService<MqttOutbox>() };
        var ids = new List<Guid>();
        for (var i = 0; i < 60; i++)
        {
            // Alternate replicas accept the commands; five topics, twelve commands each.
            var message = new OutboxMessage($"{scenario.Prefix}/cmd/{i % 5}", Encoding.UTF8.GetBytes($"{i / 5}"));
            ids.Add(await outboxes[i % 2].EnqueueAsync(message));
        }

        await Eventually.Until(() => received.Count >= 60, "sixty commands delivered");
        foreach (var id in ids)
        {
            await Eventually.Until(async () => (await outboxes[0].GetAsync(id))!.Status == OutboxStatus.Sent, $"{id} marked sent");
        }

        Assert.Equal(60, received.Count);
        for (var topic = 0; topic < 5; topic++)
        {
            var payloads = received.Where(r => r.Topic == $"{scenario.Prefix}/cmd/{topic}").Select(r => r.Payload);
            Assert.Equal(Enumerable.Range(0, 12).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), payloads);
        }
    }

    [Fact]
    public async Task A_command_is_queued_then_sent_and_its_status_is_read_by_id()
    {
        await using var scenario = await MqttScenario.CreateAsync(postgres, mqtt, redis);
        await using var service = scenario.Service(new TestHandlerBehaviour());
        service.CreateClient().Dispose();
        var outbox = service.Services.GetRequiredService<MqttOutbox>();

        var id = await outbox.EnqueueAsync(new OutboxMessage($"{scenario.Prefix}/cmd/lamp", "ON"u8.ToArray()));

        await Eventually.Until(async () => (await outbox.GetAsync(id))!.Status == OutboxStatus.Sent, "sent");
        var entry = (await outbox.GetAsync(id))!;
        Assert.Equal($"{scenario.Prefix}/cmd/lamp", entry.Topic);
        Assert.NotNull(entry.FinishedAt);
        Assert.Equal(1, entry.Attempts);
        Assert.Null(await outbox.GetAsync(Guid.NewGuid()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lights/+/set")]
    [InlineData("lights/#")]
    public async Task A_topic_that_is_no_topic_name_is_refused(string topic)
    {
        await using var scenario = await MqttScenario.CreateAsync(postgres, mqtt, redis);
        await using var service = scenario.Service(new TestHandlerBehaviour());
        service.CreateClient().Dispose();
        var outbox = service.Services.GetRequiredService<MqttOutbox>();

        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(new OutboxMessage(topic, "x"u8.ToArray())));
    }
}
