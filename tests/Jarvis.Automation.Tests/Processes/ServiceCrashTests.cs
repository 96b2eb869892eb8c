using Jarvis.Automation.Tests.Mqtt;
using Jarvis.Testing;
using MQTTnet;
using Npgsql;

namespace Jarvis.Automation.Tests.Processes;

/// <summary>
/// <c>kill -9</c> of the service while a device publishes QoS 1 states: what the broker took is stored once, in
/// order, after the service comes back with the same client id (the broker kept its session and the unacknowledged
/// messages, and resends those the killed process stored but had not acknowledged).
/// </summary>
[Collection(AutomationCollection.Name)]
public sealed class ServiceCrashTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private const int Total = 2_000;
    private const string Prefix = "ha_crash";

    [Fact]
    public async Task Kill_9_while_states_flow_loses_nothing_and_stores_nothing_twice()
    {
        var database = await postgres.CreateDatabaseAsync("automation_crash");
        string[] settings = [$"--Automation:Mqtt:DiscoveryPrefix={Prefix}", "--Automation:ReplicaIndex=crash"];
        var service = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
        try
        {
            using var device = await RawDevice.ConnectAsync(mqtt, "crash-device");
            await RawDevice.PublishAsync(device, $"{Prefix}/sensor/crash_counter/config",
                """{"name":"Counter","object_id":"crash_counter","state_topic":"crash/counter","dev":{"ids":["crash-1"],"name":"Crash"}}""", retain: true);
            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.entities") == 1, "the counter is discovered");

            // About 200 messages a second, each a new state, each acknowledged by the broker before the next.
            var publishing = Task.Run(async () =>
            {
                using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
                for (var i = 1; i <= Total; i++)
                {
                    await RawDevice.PublishAsync(device, "crash/counter", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    await pace.WaitForNextTickAsync();
                }
            });

            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.state_history WHERE kind = 'state'") >= 300,
                "the service stores the flowing states");
            await service.KillAsync();
            var storedAtKill = await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.state_history WHERE kind = 'state'");
            await publishing;
            Assert.True(storedAtKill < Total, $"the service was killed after everything was stored ({storedAtKill}); the test proves nothing");

            await service.DisposeAsync();
            service = await AutomationProcess.StartAsync(database, mqtt.ConnectionString, redis.ConnectionString, settings);
            await Eventually.Until(async () => await RawDevice.ScalarAsync(database, "SELECT count(*) FROM automation.state_history WHERE kind = 'state'") >= Total,
                $"all {Total} states stored after the restart");

            var states = await StatesAsync(database);
            Assert.Equal(Enumerable.Range(1, Total).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), states);
            await device.DisconnectAsync();
        }
        finally
        {
            await service.DisposeAsync();
        }
    }

    private static async Task<List<string>> StatesAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT state FROM automation.state_history WHERE kind = 'state' ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new List<string>();
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0));
        }

        return states;
    }
}
