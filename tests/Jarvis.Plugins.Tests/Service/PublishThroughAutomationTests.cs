using System.Text;
using Google.Protobuf.WellKnownTypes;
using Jarvis.Plugins.Grpc;
using Jarvis.Testing;

namespace Jarvis.Plugins.Tests.Service;

/// <summary>A Lua plugin's <c>jarvis.mqtt.publish</c>, end to end: plugins → automation (gRPC) → outbox → Mosquitto.</summary>
[Collection(ServiceProcessesCollection.Name)]
public sealed class PublishThroughAutomationTests(PublishThroughAutomationFixture services) : IClassFixture<PublishThroughAutomationFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_plugins_publish_reaches_a_subscriber_through_the_automation_service()
    {
        var topic = $"jarvis/plugins/publisher/{Guid.NewGuid():N}";
        await using var subscriber = await MqttSubscriber.ConnectAsync(services.Broker, topic);

        var reply = await InvokeAsync(topic, "ON");

        Assert.True(reply["ok"].BoolValue, reply["result"].StringValue);
        Assert.True(Guid.TryParse(reply["result"].StringValue, out _), $"the message id, got '{reply["result"].StringValue}'");
        var message = await subscriber.WaitForAsync(topic, Patience);
        Assert.Equal("ON", Encoding.UTF8.GetString(message.Payload));
    }

    [Fact]
    public async Task What_the_automation_service_refuses_reaches_the_plugin_as_a_clear_error()
    {
        // Inside the manifest's mqttTopics, but a control character MQTT brokers refuse.
        var reply = await InvokeAsync("jarvis/plugins/publisher/bad\u0001topic", "ON");

        Assert.False(reply["ok"].BoolValue);
        Assert.Contains("jarvis.mqtt.publish: the automation service refused the message: topic must not contain the control character U+0001",
            reply["result"].StringValue, StringComparison.Ordinal);
    }

    private async Task<Google.Protobuf.Collections.MapField<string, Value>> InvokeAsync(string topic, string payload)
    {
        using var channel = services.PluginsChannel();
        var client = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel);
        var args = new Struct { Fields = { ["topic"] = Value.ForString(topic), ["payload"] = Value.ForString(payload) } };
        var reply = await client.InvokeAsync(new InvokeRequest { Id = PublishThroughAutomationFixture.PluginId, Hook = "on_message", Args = args });
        return reply.Result.StructValue.Fields;
    }
}
