using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.Monitor.Tests.Targets;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Monitor.Tests;

/// <summary>
/// Two monitor replicas as the AppHost starts them (<c>Monitor:Replicas=2</c>, real processes): one alert per change,
/// and the leader SIGKILLed in the middle of an incident is replaced within 5 s, the resolution sent once, nothing doubled.
/// </summary>
public sealed class ReplicaTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_two_replicas_each_change_is_alerted_once_even_when_the_leader_is_killed_mid_incident()
    {
        await using var app = await JarvisTestApp.StartAsync(b =>
        {
            var database = b.AddPostgres("postgres").AddDatabase("jarvisdb");
            var mqtt = b.AddMosquitto("mqtt");
            b.AddMonitor(database, mqtt);
        }, stateDirectory: null, "--Monitor:Replicas=2");
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        HttpClient Client(int replica)
        {
            var client = app.CreateHttpClient("monitor", replica);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", minter.Mint(MonitorService.Admin));
            return client;
        }

        using var target = new TcpTarget();
        target.Open();
        await using var alerts = await MqttSubscriber.ConnectAsync(MosquittoAddress(app), "jarvis/alerts/#");
        using (var admin = Client(0))
        {
            await CheckApi.CreateAsync(admin, new { id = "shared", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1, failureThreshold = 1 });
        }

        var leading = await Eventually.GetAsync(async () =>
        {
            for (var replica = 0; replica < 2; replica++)
            {
                using var client = Client(replica);
                if ((await CheckApi.GetAsync(client, "/api/monitor/status"))["leader"]!.GetValue<bool>())
                {
                    return new int[] { replica };
                }
            }

            return null;
        }, Wait, "a leader");
        var leader = leading[0];
        var follower = 1 - leader;
        using (var client = Client(follower))
        {
            await Eventually.TrueAsync(async () => (await CheckApi.StatusOfAsync(client, "shared"))?["status"]?.GetValue<string>() == "up", Wait, "the follower sees the check up");
        }

        target.Close();
        await Eventually.TrueAsync(() => Events(alerts).Contains("down"), Wait, "the down alert");

        var killedAt = Stopwatch.StartNew();
        app.KillResource("monitor", leader);
        using (var client = Client(follower))
        {
            await Eventually.TrueAsync(async () => (await CheckApi.GetAsync(client, "/api/monitor/status"))["leader"]!.GetValue<bool>(), Wait, "the follower leading");
        }

        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(5), $"The follower took over {killedAt.Elapsed.TotalSeconds:F1} s after the kill.");

        target.Open();
        await Eventually.TrueAsync(() => Events(alerts).Contains("resolved"), Wait, "the resolved alert");

        // Everything owed is delivered before counting, so a duplicate would be among what arrived.
        var database = app.GetConnectionString("jarvisdb");
        await Eventually.TrueAsync(async () => await ScalarAsync(database, "SELECT count(*) FROM monitor.deliveries WHERE delivered_at IS NULL") == 0, Wait, "every delivery sent");
        await Eventually.TrueAsync(() => Events(alerts).Count == 2, Wait, "both alerts received");
        Assert.Equal(["down", "resolved"], Events(alerts));
        Assert.Equal(1, await ScalarAsync(database, "SELECT count(*) FROM monitor.incidents WHERE check_id = 'shared' AND ended_at IS NOT NULL"));
        Assert.Equal(0, await ScalarAsync(database, "SELECT count(*) FROM monitor.incidents WHERE check_id = 'shared' AND ended_at IS NULL"));
    }

    private static List<string> Events(MqttSubscriber alerts) =>
        [.. alerts.Messages.Where(m => m.Topic == "jarvis/alerts/shared").Select(m => CheckApi.Event(Encoding.UTF8.GetString(m.Payload)))];

    private static Jarvis.ServiceDefaults.Integrations.MqttBrokerAddress MosquittoAddress(JarvisTestApp app) =>
        Jarvis.ServiceDefaults.Integrations.MqttBrokerAddress.Parse(app.GetConnectionString("mqtt"));

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
