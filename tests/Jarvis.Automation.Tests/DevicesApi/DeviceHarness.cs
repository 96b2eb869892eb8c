extern alias automation;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using automation::Jarvis.Automation.Model;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;

namespace Jarvis.Automation.Tests.DevicesApi;

/// <summary>
/// One automation service in-process on a database of its own, with its own discovery prefix and MQTT client id on
/// the shared Mosquitto, so that tests see only their own devices; a user and an admin client; a raw MQTT publisher.
/// </summary>
internal sealed class DeviceHarness : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly IMqttClient _publisher;

    private DeviceHarness(string name, string database, string mqtt, string redis, IMqttClient publisher)
    {
        Name = name;
        Database = database;
        Mqtt = mqtt;
        Redis = redis;
        _publisher = publisher;
    }

    public string Name { get; }

    public string Prefix => "ha_" + Name;

    public string Database { get; }

    public string Mqtt { get; }

    public string Redis { get; }

    public AutomationService? Service { get; private set; }

    public InternalPrincipal UserPrincipal { get; } = new(Guid.NewGuid().ToString(), "test-user", InternalRoles.User);

    public InternalPrincipal AdminPrincipal { get; } = new(Guid.NewGuid().ToString(), "test-admin", InternalRoles.Admin);

    public static async Task<DeviceHarness> StartAsync(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis, string name)
    {
        var database = await postgres.CreateDatabaseAsync(name);
        var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Address.Host, mqtt.Address.Port)
            .WithClientId("test-publisher-" + name)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .Build());
        var harness = new DeviceHarness(name, database, mqtt.ConnectionString, redis.ConnectionString, publisher);
        await harness.StartServiceAsync();
        return harness;
    }

    /// <summary>(Re)starts the service on the same database and MQTT client id (the broker keeps its session meanwhile).</summary>
    public async Task StartServiceAsync()
    {
        Service = AutomationService.With(Database, Mqtt, Redis,
            ("Automation:Mqtt:DiscoveryPrefix", Prefix),
            ("Automation:ReplicaIndex", Name.Replace('_', '-')),
            ("Automation:Mqtt:OutboxPollInterval", "00:00:00.200"),
            ("Automation:Devices:EventPollInterval", "00:00:00.200"),
            ("Automation:Devices:EventHeartbeat", "00:00:01"));
        using var http = Service.CreateClient();
        await EventuallyAsync(async () => (await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode, "the service is healthy");
    }

    public async Task StopServiceAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
            Service = null;
        }
    }

    public HttpClient Client(InternalPrincipal? caller)
    {
        var http = (Service ?? throw new InvalidOperationException("The service is stopped.")).CreateClient();
        if (caller is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AutomationService.Token(caller));
        }

        return http;
    }

    public HttpClient User() => Client(UserPrincipal);

    public HttpClient Admin() => Client(AdminPrincipal);

    public async Task PublishAsync(string topic, string payload, bool retain = false) => await PublishAsync(topic, Encoding.UTF8.GetBytes(payload), retain);

    public async Task PublishAsync(string topic, byte[] payload, bool retain = false)
    {
        var result = await _publisher.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess, $"the broker refused {topic}: {result.ReasonCode}");
    }

    /// <summary>The entities with <paramref name="component"/>, once <paramref name="ready"/> holds for them (or the deadline passes).</summary>
    public async Task<DeviceEntity> EntityAsync(Func<DeviceEntity, bool> ready, string what)
    {
        using var http = User();
        DeviceEntity? found = null;
        await EventuallyAsync(async () =>
        {
            var page = await http.GetFromJsonAsync<Page<DeviceEntity>>("/api/devices/entities?limit=1000");
            found = page!.Items.FirstOrDefault(ready);
            return found is not null;
        }, what);
        return found!;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails naming <paramref name="what"/> at the deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException or NpgsqlException)
            {
                last = ex;
            }

            Assert.True(DateTime.UtcNow < until, $"not within {(deadline ?? Deadline).TotalSeconds} s: {what} {last?.Message}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopServiceAsync();
        await _publisher.DisconnectAsync();
        _publisher.Dispose();
    }
}
