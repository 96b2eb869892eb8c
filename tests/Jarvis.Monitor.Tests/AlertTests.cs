extern alias monitor;

using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Monitor.Tests.Targets;
using Jarvis.Testing;
using Npgsql;
using WebhookSignature = monitor::Jarvis.Monitor.Alerts.WebhookSignature;

namespace Jarvis.Monitor.Tests;

/// <summary>Alerts on down and on resolved, once each per incident: on MQTT, to a signed webhook that is retried, never during maintenance.</summary>
[Collection(MonitorCollection.Name)]
public sealed class AlertTests(PostgresFixture postgres, MosquittoFixture mqtt)
{
    private const string Secret = "a-webhook-secret-of-some-length";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Down_and_resolved_reach_mqtt_and_a_signed_webhook_that_failed_twice_once_each()
    {
        using var target = new TcpTarget();
        target.Open();
        using var receiver = new WebhookReceiver(failures: 2);
        var database = await postgres.CreateDatabaseAsync("monitor_alerts");
        await using var service = MonitorService.With(database, mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        await using var subscriber = await MqttSubscriber.ConnectAsync(mqtt.Address, "jarvis/alerts/door");
        await CheckApi.CreateChannelAsync(admin, new { name = "receiver", kind = "webhook", url = receiver.Url, secret = Secret });
        await CheckApi.CreateAsync(admin, new { id = "door", name = "Front door", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1, failureThreshold = 1 });
        await Eventually.TrueAsync(() => service.Board.Find("door")?.Status.ToString() == "Up", Wait, "the check up");

        target.Close();
        var down = await Eventually.GetAsync(() => Door(receiver).FirstOrDefault(r => r.Accepted), Wait, "the down webhook accepted");
        Assert.Equal("down", CheckApi.Event(down.Body));
        Assert.True(WebhookSignature.Verify(Secret, down.Signature!, down.Body), $"signature {down.Signature} does not verify");
        Assert.False(WebhookSignature.Verify("another-secret-entirely", down.Signature!, down.Body));
        Assert.Equal(3, Door(receiver).Count); // two refused, then accepted
        Assert.All(Door(receiver), r => Assert.Equal(down.Body, r.Body));
        var mqttDown = await subscriber.WaitForAsync("jarvis/alerts/door", Wait);
        var alert = JsonNode.Parse(Encoding.UTF8.GetString(mqttDown.Payload))!;
        Assert.Equal("down", alert["event"]!.GetValue<string>());
        Assert.Equal("Front door", alert["name"]!.GetValue<string>());

        target.Open();
        await Eventually.TrueAsync(() => Door(receiver).Count(r => r.Accepted) == 2, Wait, "the resolved webhook");
        var resolved = Door(receiver).Last(r => r.Accepted);
        Assert.Equal("resolved", CheckApi.Event(resolved.Body));
        Assert.True(WebhookSignature.Verify(Secret, resolved.Signature!, resolved.Body));
        await Eventually.TrueAsync(() => subscriber.Messages.Count(m => m.Topic == "jarvis/alerts/door") == 2, Wait, "the resolved MQTT alert");

        var deliveries = await CheckApi.GetAsync(admin, "/api/monitor/deliveries?check=door");
        var items = deliveries["items"]!.AsArray();
        Assert.Equal(4, items.Count); // down and resolved, each to MQTT and to the webhook
        var webhookDown = items.Single(d => d!["channel"]!.GetValue<string>() == "receiver" && d["event"]!.GetValue<string>() == "down")!;
        Assert.Equal(3, webhookDown["attempts"]!.GetValue<int>());
        Assert.NotNull(webhookDown["deliveredAt"]);

        var incidents = await CheckApi.GetAsync(admin, "/api/monitor/incidents?check=door");
        var incident = Assert.Single(incidents["items"]!.AsArray())!;
        Assert.NotNull(incident["endedAt"]);
        Assert.Contains("refused", incident["cause"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_given_up_with_its_last_error_visible()
    {
        using var receiver = new WebhookReceiver(failures: int.MaxValue);
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_alerts_fail"), mqtt.ConnectionString,
            ("Monitor:Delivery:MaxAttempts", "3"));
        using var admin = service.ClientFor(MonitorService.Admin);
        var channel = await CheckApi.CreateChannelAsync(admin, new { name = "broken", kind = "webhook", url = receiver.Url });

        using var test = await admin.PostAsync(new Uri($"/api/monitor/channels/{channel}/test", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, test.StatusCode);

        var given = await Eventually.GetAsync(async () =>
        {
            var page = await CheckApi.GetAsync(admin, $"/api/monitor/deliveries?channel={channel}");
            return page["items"]!.AsArray().FirstOrDefault(d => d!["gaveUp"]!.GetValue<bool>());
        }, Wait, "the delivery given up");
        Assert.Equal(3, given!["attempts"]!.GetValue<int>());
        Assert.Equal("The webhook answered HTTP 500 Internal Server Error.", given["lastError"]!.GetValue<string>());
        var tests = receiver.Received.Where(r => CheckApi.Check(r.Body) == "test").ToList();
        Assert.Equal(3, tests.Count);
        Assert.Equal("test", CheckApi.Event(tests[0].Body));
    }

    [Fact]
    public async Task A_check_in_maintenance_shows_maintenance_and_its_outage_raises_no_incident_or_alert()
    {
        using var target = new TcpTarget(); // never opened: refused throughout
        var database = await postgres.CreateDatabaseAsync("monitor_maintenance");
        await using var service = MonitorService.With(database, mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        var now = DateTimeOffset.UtcNow;
        await CheckApi.CreateAsync(admin, new
        {
            id = "quiet", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1, failureThreshold = 1,
            maintenance = new[] { new { start = now.AddMinutes(-1), end = now.AddHours(1) } },
        });
        await CheckApi.CreateAsync(admin, new { id = "loud", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1, failureThreshold = 1 });

        // The unsilenced twin going down proves the leader records incidents; the silenced one must have none.
        await Eventually.TrueAsync(async () => (await CheckApi.GetAsync(admin, "/api/monitor/incidents?check=loud"))["items"]!.AsArray().Count == 1, Wait, "the loud check's incident");
        await Eventually.TrueAsync(async () => await CountAsync(database, "SELECT count(*) FROM monitor.results WHERE check_id = 'quiet'") >= 2, Wait, "maintenance results recorded");
        Assert.Equal("Maintenance", service.Board.Find("quiet")!.Status.ToString());
        var status = await CheckApi.StatusOfAsync(admin, "quiet");
        Assert.Equal("maintenance", status!["status"]!.GetValue<string>());
        Assert.Empty((await CheckApi.GetAsync(admin, "/api/monitor/incidents?check=quiet"))["items"]!.AsArray());
        Assert.Equal(0, await CountAsync(database, "SELECT count(*) FROM monitor.deliveries WHERE check_id = 'quiet'"));
    }

    private static List<ReceivedWebhook> Door(WebhookReceiver receiver) => [.. receiver.Received.Where(r => CheckApi.Check(r.Body) == "door")];

    private static async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
