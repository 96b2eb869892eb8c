extern alias automation;

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using automation::Jarvis.Automation.Mqtt;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Npgsql;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>
/// One test's world: its own database (with the test handler's table), its own topics under
/// <see cref="Prefix"/>, its own replica index (so the broker's persistent sessions of other tests stay apart).
/// </summary>
public sealed class MqttScenario : IAsyncDisposable
{
    private static readonly InternalPrincipal Admin = new(Guid.NewGuid().ToString(), "test-admin", InternalRoles.Admin);
    private readonly PostgresFixture _postgres;
    private readonly RedisFixture _redis;

    private MqttScenario(PostgresFixture postgres, MosquittoFixture broker, RedisFixture redis, string run, string database)
    {
        _postgres = postgres;
        Broker = broker;
        _redis = redis;
        Run = run;
        Database = database;
        Db = NpgsqlDataSource.Create(database);
    }

    public string Run { get; }

    public string Prefix => $"test/{Run}";

    public string ReplicaIndex => "t" + Run;

    public string Database { get; }

    public NpgsqlDataSource Db { get; }

    public MosquittoFixture Broker { get; }

    public static async Task<MqttScenario> CreateAsync(PostgresFixture postgres, MosquittoFixture broker, RedisFixture redis)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var run = Guid.NewGuid().ToString("N")[..10];
        var database = await postgres.CreateDatabaseAsync("mqtt_" + run);
        var scenario = new MqttScenario(postgres, broker, redis, run, database);
        await using var command = scenario.Db.CreateCommand(TestHandler.CreateTable);
        await command.ExecuteNonQueryAsync();
        return scenario;
    }

    /// <summary>The service, its messages on <c>&lt;prefix&gt;/state/#</c> going to <see cref="TestHandler"/>.</summary>
    public AutomationService Service(TestHandlerBehaviour behaviour, LogCapture? log = null, params (string Key, string? Value)[] settings)
    {
        (string, string?)[] all =
        [
            ("Automation:ReplicaIndex", ReplicaIndex),
            ("Logging:LogLevel:Jarvis.Automation", "Debug"),
            .. settings,
        ];
        return AutomationService.With(Database, Broker.ConnectionString, _redis.ConnectionString, all)
            .WithServices(services =>
            {
                services.AddSingleton(behaviour);
                services.AddMqttSubscription<TestHandler>($"{Prefix}/state/#", MqttSubscriptionKind.OneReplica);
                if (log is not null)
                {
                    services.AddSingleton<ILoggerProvider>(log);
                }
            });
    }

    /// <summary>The payloads stored on <paramref name="topic"/>, in the order they were stored.</summary>
    public async Task<List<string>> StoredAsync(string topic)
    {
        await using var command = Db.CreateCommand("SELECT payload FROM mqtt_test.received WHERE topic = @topic ORDER BY seq");
        command.Parameters.AddWithValue("topic", topic);
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<string>();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.GetString(0));
        }

        return payloads;
    }

    public async Task<long> CountAsync(string sql)
    {
        await using var command = Db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A device or a person's tool on the same broker: MQTT 5, a session kept for a while when <paramref name="persistent"/>.</summary>
    public async Task<IMqttClient> ConnectClientAsync(string name, bool persistent = false)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(ClientOptions(name, persistent));
        return client;
    }

    public MqttClientOptions ClientOptions(string name, bool persistent) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer(Broker.Address.Host, Broker.Address.Port)
            .WithClientId($"test-{Run}-{name}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(!persistent)
            .WithSessionExpiryInterval(persistent ? 3600u : 0u)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();

    public static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload, CancellationToken cancellationToken = default) =>
        client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build(), cancellationToken);

    /// <summary>The <c>mqtt</c> check as an admin sees it: status and description.</summary>
    public static async Task<(string Status, string Description)> MqttHealthAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AutomationService.Token(Admin));
        using var response = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = body.RootElement.GetProperty("checks").GetProperty("mqtt");
        return (check.GetProperty("status").GetString()!, check.GetProperty("description").GetString() ?? "");
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        _ = _postgres;
    }
}
