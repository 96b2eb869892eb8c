extern alias automation;

using System.Text;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>Inbound QoS 1: acknowledged only once stored, so nothing the broker handed over is lost, and a redelivery changes nothing.</summary>
[Collection(AutomationCollection.Name)]
public sealed class InboundMessageTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    [Fact]
    public async Task A_replica_gone_between_storing_and_acknowledging_gets_the_message_again_and_stores_it_once()
    {
        await using var scenario = await MqttScenario.CreateAsync(postgres, mqtt, redis);
        var topic = $"{scenario.Prefix}/state/lamp";
        var first = new TestHandlerBehaviour { HangsAfterStoring = p => p == "2" };
        var service = scenario.Service(first);
        service.CreateClient().Dispose();
        using var device = await scenario.ConnectClientAsync("device");

        foreach (var payload in new[] { "1", "2", "3" })
        {
            await MqttScenario.PublishAsync(device, topic, payload);
        }

        await Eventually.Until(async () => (await scenario.StoredAsync(topic)).Contains("2"), "message 2 stored");
        Assert.DoesNotContain(first.Deliveries, d => Payload(d) == "3");
        // The replica goes away after storing 2 and before acknowledging it.
        await service.DisposeAsync();

        var second = new TestHandlerBehaviour();
        await using var again = scenario.Service(second);
        again.CreateClient().Dispose();

        await Eventually.Until(async () => (await scenario.StoredAsync(topic)).Count == 3, "messages 1, 2 and 3 stored");
        Assert.Equal(["1", "2", "3"], await scenario.StoredAsync(topic));
        Assert.Contains(second.Deliveries, d => Payload(d) == "2" && d.IsDuplicate);
        Assert.DoesNotContain(second.Deliveries, d => Payload(d) == "1");
    }

    [Fact]
    public async Task A_message_its_handler_keeps_refusing_is_kept_as_a_dead_letter_and_the_next_ones_still_flow()
    {
        await using var scenario = await MqttScenario.CreateAsync(postgres, mqtt, redis);
        var topic = $"{scenario.Prefix}/state/sensor";
        var behaviour = new TestHandlerBehaviour { Fails = p => p == "poison" };
        await using var service = scenario.Service(behaviour, null, ("Automation:Mqtt:HandlerAttempts", "2"));
        using var http = service.CreateClient();
        using var device = await scenario.ConnectClientAsync("device");

        await MqttScenario.PublishAsync(device, topic, "poison");
        await MqttScenario.PublishAsync(device, topic, "fine");

        await Eventually.Until(async () => (await scenario.StoredAsync(topic)).Contains("fine"), "the message after the poison stored");
        Assert.Equal(1, await scenario.CountAsync($"SELECT count(*) FROM automation.mqtt_dead_letters WHERE topic = '{topic}' AND convert_from(payload, 'UTF8') = 'poison'"));
        Assert.Equal(2, behaviour.Deliveries.Count(d => Payload(d) == "poison"));
        await Eventually.Until(async () => await MetricsText.ReadAsync(http, "jarvis_mqtt_messages_dead_lettered_total") >= 1, "the dead-letter counter moved");
        Assert.True(await MetricsText.ReadAsync(http, "jarvis_mqtt_messages_received_total") >= 2);
    }

    private static string Payload(automation::Jarvis.Automation.Mqtt.MqttInboundMessage message) => Encoding.UTF8.GetString(message.Payload.Span);
}
