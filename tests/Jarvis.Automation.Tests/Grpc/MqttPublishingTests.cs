using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Jarvis.Automation.Grpc;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Automation.Tests.Grpc;

/// <summary>proto/automation.proto against the service in-process, with real PostgreSQL, Mosquitto and Redis.</summary>
[Collection(AutomationCollection.Name)]
public sealed class MqttPublishingTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private const int MaxPayloadBytes = 256 * 1024;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly (string What, PublishRequest Request, string Expected)[] InvalidRequests =
    [
        ("an empty topic", Request(""), "topic must not be empty"),
        ("a '+' wildcard", Request("jarvis/+/state"), "topic must not contain the wildcards"),
        ("a '#' wildcard", Request("jarvis/#"), "topic must not contain the wildcards"),
        ("a broker topic", Request("$SYS/broker/uptime"), "topic must not start with '$'"),
        ("a NUL", Request("jarvis/a\0b"), "topic must not contain the NUL character"),
        ("a control character", Request("jarvis/line\nbreak"), "topic must not contain the control character U+000A"),
        ("a C1 control character", Request("jarvis/\u0085"), "topic must not contain the control character U+0085"),
        ("a noncharacter", Request("jarvis/\uFFFF"), "topic must not contain the Unicode noncharacter U+FFFF"),
        ("a topic over 65535 bytes", Request(new string('é', 32_768)), "topic must be at most 65535 bytes"),
        ("a payload over the outbox's limit", Request("jarvis/big", payload: new byte[MaxPayloadBytes + 1]), $"payload must be at most {MaxPayloadBytes} bytes"),
        ("QoS 2", Request("jarvis/q", qos: 2), "qos must be 0 or 1: the outbox delivers at least once"),
        ("QoS -1", Request("jarvis/q", qos: -1), "qos must be 0 or 1"),
        ("a time to live of 0", Request("jarvis/t", ttl: 0), "ttl_seconds must be 1..86400"),
        ("a time to live over a day", Request("jarvis/t", ttl: 86_401), "ttl_seconds must be 1..86400"),
    ];

    [Fact]
    public async Task Each_invalid_field_is_InvalidArgument_naming_the_field_and_nothing_is_queued()
    {
        await using var service = Service();
        using var publishing = new PublishingClient(service, PublishingClient.Plugins);

        foreach (var (what, request, expected) in InvalidRequests)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await publishing.Client.PublishAsync(request));
            Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{what}: {refused.StatusCode} {refused.Status.Detail}");
            Assert.True(refused.Status.Detail.StartsWith(expected, StringComparison.Ordinal), $"{what}: '{refused.Status.Detail}' does not start with '{expected}'");
        }

        var badId = await Assert.ThrowsAsync<RpcException>(async () => await publishing.Client.GetPublishAsync(new GetPublishRequest { Id = "42" }));
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.StartsWith("id must be a UUID", badId.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publish_reaches_a_real_mosquitto_subscriber_and_its_status_becomes_sent()
    {
        await using var service = Service();
        using var publishing = new PublishingClient(service, PublishingClient.Plugins);
        // Empty levels and any Unicode are topic names MQTT allows.
        var topic = $"jarvis/tests/{Guid.NewGuid():N}//café";
        await using var subscriber = await MqttSubscriber.ConnectAsync(mqtt.Address, topic);

        var reply = await publishing.Client.PublishAsync(new PublishRequest { Topic = topic, Payload = ByteString.CopyFromUtf8("""{"state":"ON"}"""), Retain = false });

        Assert.True(Guid.TryParse(reply.Id, out _), reply.Id);
        Assert.Equal("queued", reply.Status);
        var message = await subscriber.WaitForAsync(topic, Patience);
        Assert.Equal("""{"state":"ON"}""", Encoding.UTF8.GetString(message.Payload));
        Assert.Equal(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, message.QualityOfServiceLevel);

        var status = await WaitForStatusAsync(publishing.Client, reply.Id, "sent");
        Assert.Equal("", status.Error);
    }

    [Fact]
    public async Task Qos_0_and_a_payload_at_the_limit_are_accepted()
    {
        await using var service = Service();
        using var publishing = new PublishingClient(service, PublishingClient.Plugins);
        var topic = $"jarvis/tests/{Guid.NewGuid():N}";
        await using var subscriber = await MqttSubscriber.ConnectAsync(mqtt.Address, topic);

        var reply = await publishing.Client.PublishAsync(Request(topic, payload: new byte[MaxPayloadBytes], qos: 0, ttl: 60));

        Assert.Equal("queued", reply.Status);
        Assert.Equal(MaxPayloadBytes, (await subscriber.WaitForAsync(topic, Patience)).Payload.Length);
    }

    [Fact]
    public async Task An_unknown_id_is_NotFound()
    {
        await using var service = Service();
        using var publishing = new PublishingClient(service, PublishingClient.Plugins);

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await publishing.Client.GetPublishAsync(new GetPublishRequest { Id = Guid.NewGuid().ToString() }));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Only_services_may_publish()
    {
        await using var service = Service();
        using var anonymous = new PublishingClient(service, null);
        using var person = new PublishingClient(service, new InternalPrincipal(Guid.NewGuid().ToString(), "someone", InternalRoles.Admin));

        var noToken = await Assert.ThrowsAsync<RpcException>(async () => await anonymous.Client.PublishAsync(Request("jarvis/x")));
        var notAService = await Assert.ThrowsAsync<RpcException>(async () => await person.Client.PublishAsync(Request("jarvis/x")));

        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, notAService.StatusCode);
    }

    [Fact]
    public async Task When_the_database_stops_answering_a_publish_is_Unavailable_with_a_retry_hint()
    {
        // A database of its own, which the test then takes away from under the running service.
        var database = await postgres.CreateDatabaseAsync("automation_grpc_storage_down");
        await using var service = AutomationService.With(database, mqtt.ConnectionString, redis.ConnectionString);
        using var publishing = new PublishingClient(service, PublishingClient.Plugins);
        Assert.Equal("queued", (await publishing.Client.PublishAsync(Request("jarvis/tests/before"))).Status);
        await using (var admin = new NpgsqlConnection(postgres.Server.SuperuserConnectionString()))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE automation_grpc_storage_down WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var unavailable = await Assert.ThrowsAsync<RpcException>(async () => await publishing.Client.PublishAsync(Request("jarvis/tests/after")));

        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        Assert.Contains("nothing was queued", unavailable.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("5000", unavailable.Trailers.GetValue("grpc-retry-pushback-ms"));
    }

    private AutomationService Service() => AutomationService.With(postgres.ConnectionString, mqtt.ConnectionString, redis.ConnectionString);

    private static PublishRequest Request(string topic, byte[]? payload = null, int? qos = null, int? ttl = null)
    {
        var request = new PublishRequest { Topic = topic, Payload = ByteString.CopyFrom(payload ?? "x"u8.ToArray()) };
        if (qos is { } q)
        {
            request.Qos = q;
        }

        if (ttl is { } t)
        {
            request.TtlSeconds = t;
        }

        return request;
    }

    private static async Task<PublishReply> WaitForStatusAsync(MqttPublishing.MqttPublishingClient client, string id, string status)
    {
        using var cts = new CancellationTokenSource(Patience);
        while (true)
        {
            var reply = await client.GetPublishAsync(new GetPublishRequest { Id = id });
            if (reply.Status == status)
            {
                return reply;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
