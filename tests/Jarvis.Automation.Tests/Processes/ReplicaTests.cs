using Jarvis.Automation.Tests.Mqtt;
using Jarvis.Testing;
using MQTTnet;
using Npgsql;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>
/// Two replicas as the AppHost starts them (<c>Automation:Replicas=2</c>, no index): each takes its own slot and
/// client id, both keep the registry, and each state message is stored by one of them, once.
/// </summary>
[Collection(AutomationCollection.Name)]
public sealed class ReplicaTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private const int Total = 600;
    private const string Prefix = "ha_replicas";

    [Fact]
    public async Task Two_replicas_share_the_state_messages_each_stored_once()
    {
        var database = await postgres.CreateDatabaseAsync("automation_replicas");
        string[] settings = [$"--Automation:Mqtt:DiscoveryPrefix={Prefix}", "--Automation:Replicas=2"];
        await using var first = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
        await using var second = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
        Assert.Contains("holds slot 0 of 2", first.Output, StringComparison.Ordinal);
        Assert.Contains("holds slot 1 of 2", second.Output, StringComparison.Ordinal);

        using var device = await RawDevice.ConnectAsync(mqtt, "replicas-device");
        await RawDevice.PublishAsync(device, $"{Prefix}/sensor/replica_counter/config",
            """{"name":"Counter","object_id":"replica_counter","state_topic":"replicas/counter","dev":{"ids":["replicas-1"],"name":"Replicas"}}""", retain: true);

        // Both replicas know the entity (discovery reaches every replica) before the states flow.
        await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.entities") == 1, "the counter is discovered");
        foreach (var replica in new[] { first, second })
        {
            using var http = new HttpClient { BaseAddress = replica.Address };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                AutomationService.Token(new Jarvis.ServiceDefaults.Authentication.InternalPrincipal(Guid.NewGuid().ToString(), "replica-test", Jarvis.ServiceDefaults.Authentication.InternalRoles.User)));
            await Eventually.Until(async () => (await http.GetStringAsync(new Uri("/api/devices/entities/sensor.replica_counter", UriKind.Relative))).Contains("replica_counter", StringComparison.Ordinal),
                "each replica serves the entity");
        }

        for (var i = 1; i <= Total; i++)
        {
            await RawDevice.PublishAsync(device, "replicas/counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.state_history WHERE kind = 'state'") >= Total,
            $"all {Total} states stored");
        Assert.Equal(Total, await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.state_history WHERE kind = 'state'"));
        Assert.Equal(Total, await RawDevice.ScalarAsync(database, "SELECT count(DISTINCT state) FROM automation.state_history WHERE kind = 'state'"));
        // Both took a share: the shared subscription spread the messages.
        Assert.Equal(2, await RawDevice.ScalarAsync(database, "SELECT count(DISTINCT client_id) FROM automation.mqtt_received WHERE topic = 'replicas/counter'"));
        await device.DisconnectAsync();
    }
}
