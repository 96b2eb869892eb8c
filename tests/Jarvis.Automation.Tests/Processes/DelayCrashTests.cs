using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Automation.Tests.Mqtt;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using MQTTnet;
using Xunit.Abstractions;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>
/// <c>kill -9</c> of the service process while a run waits in a 10 s delay: after the restart the run finishes at
/// the due time it stored before the kill (not 10 s after the restart), and the command sent before the delay is not
/// sent again. Times are compared as the broker delivers them to a subscriber against the stored due time.
/// </summary>
[Collection(AutomationCollection.Name)]
public sealed class DelayCrashTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis, ITestOutputHelper output)
{
    private const string Prefix = "ha_delay_crash";

    [Fact]
    public async Task A_delay_survives_kill_9_and_finishes_on_time_with_the_earlier_command_sent_once()
    {
        var database = await postgres.CreateDatabaseAsync("automation_delay_crash");
        string[] settings = [$"--Automation:Mqtt:DiscoveryPrefix={Prefix}", "--Automation:ReplicaIndex=delay-crash", "--Automation:Mqtt:OutboxPollInterval=00:00:00.100"];
        await using var commands = await TimedSubscriber.ConnectAsync(mqtt, "delaycrash/hall/set");
        var service = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
        try
        {
            using var device = await RawDevice.ConnectAsync(mqtt, "delay-crash-device");
            await RawDevice.PublishAsync(device, $"{Prefix}/binary_sensor/door/config",
                """{"name":"Door","object_id":"dc_door","state_topic":"delaycrash/door/state","dev":{"ids":["dc-door"],"name":"Door"}}""", retain: true);
            await RawDevice.PublishAsync(device, $"{Prefix}/switch/hall/config",
                """{"name":"Hall","object_id":"dc_hall","state_topic":"delaycrash/hall/state","command_topic":"delaycrash/hall/set","dev":{"ids":["dc-hall"],"name":"Hall"}}""", retain: true);
            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.entities") == 2, "the door and the hall light are discovered");

            using (var admin = Admin(service))
            {
                using var content = new StringContent("""
                    alias: Hall for ten seconds
                    triggers:
                      - trigger: state
                        entity_id: binary_sensor.dc_door
                        to: "on"
                    actions:
                      - action: switch.turn_on
                        target: { entity_id: switch.dc_hall }
                      - delay: 10
                      - action: switch.turn_off
                        target: { entity_id: switch.dc_hall }
                    """, Encoding.UTF8, "application/yaml");
                using var created = await admin.PostAsync(new Uri("/api/automations", UriKind.Relative), content);
                Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            }

            await RawDevice.PublishAsync(device, "delaycrash/door/state", "ON");
            await Eventually.Until(() => commands.Messages.Any(m => m.Payload == "ON"), "the hall light is turned on");
            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.automation_runs WHERE checkpoint IS NOT NULL") == 1,
                "the delay's checkpoint is stored");
            var due = await DueAsync(database);

            await service.KillAsync();
            var killedAt = DateTimeOffset.UtcNow;
            Assert.True(killedAt < due, $"the service was killed after the delay ended ({killedAt:O} ≥ {due:O}); the test proves nothing");
            await service.DisposeAsync();
            Assert.DoesNotContain(commands.Messages, m => m.Payload == "OFF");

            service = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
            var upAt = DateTimeOffset.UtcNow;
            await Eventually.Until(() => commands.Messages.Any(m => m.Payload == "OFF"), "the hall light is turned off after the restart");
            var off = commands.Messages.First(m => m.Payload == "OFF").At;

            // On time: not before the stored due time, and within 1 s of it. Should this machine have needed longer
            // to restart than the delay had left, the run must end within 1 s of the restart (it resumes with the
            // time left, here none, instead of starting its 10 s again).
            output.WriteLine($"due {due:O}, killed {killedAt:O}, up again {upAt:O}, OFF received {off:O}: {(off - due).TotalMilliseconds:0} ms after the due time");
            var expected = upAt > due ? upAt : due;
            Assert.True(off >= due.AddMilliseconds(-50), $"OFF at {off:O}, before the due time {due:O}");
            Assert.True(off <= expected.AddSeconds(1),
                $"OFF at {off:O}: {(off - due).TotalMilliseconds:0} ms after the due time {due:O} (killed {killedAt:O}, up again {upAt:O})");

            // The ON before the delay was sent once: once on the wire, once in the outbox.
            Assert.Single(commands.Messages, m => m.Payload == "ON");
            Assert.Equal(1, await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.device_commands WHERE idempotency_key LIKE '%:action/0#%'"));
            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.automation_runs WHERE status = 'succeeded'") == 1,
                "the run is stored as succeeded");
            await device.DisconnectAsync();
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static HttpClient Admin(AutomationProcess service)
    {
        var http = new HttpClient { BaseAddress = service.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            AutomationService.Token(new InternalPrincipal(Guid.NewGuid().ToString(), "delay-crash-admin", InternalRoles.Admin)));
        return http;
    }

    private static async Task<DateTimeOffset> DueAsync(string database)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT checkpoint::text FROM automation.automation_runs WHERE checkpoint IS NOT NULL", connection);
        var checkpoint = JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)!;
        return DateTimeOffset.Parse(checkpoint["frames"]![0]!["u"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }
}
