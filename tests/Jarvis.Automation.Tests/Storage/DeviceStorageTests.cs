extern alias automation;

using System.Net.Http.Json;
using System.Text;
using automation::Jarvis.Automation.Model;
using automation::Jarvis.Automation.Mqtt;
using automation::Jarvis.Automation.Storage;
using Jarvis.Automation.Tests.DevicesApi;
using Jarvis.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.Automation.Tests.Storage;

[Collection(AutomationCollection.Name)]
public sealed class DeviceStorageTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private const string Switch = """{"name":"Lamp","object_id":"lamp_{0}","state_topic":"store/{0}/state","command_topic":"store/{0}/set","avty_t":"store/{0}/lwt","dev":{"ids":["store-{0}"],"name":"Store {0}"}}""";

    [Fact]
    public async Task A_redelivered_duplicate_changes_nothing_and_adds_no_history_row()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "store_dup");
        var services = harness.Service!.Services;
        var discovery = services.GetRequiredService<DiscoveryHandler>();
        var states = services.GetRequiredService<StateHandler>();
        var config = Message($"{harness.Prefix}/switch/lamp_d/config", Switch.Replace("{0}", "d", StringComparison.Ordinal), duplicate: false);

        await discovery.HandleAsync(config, CancellationToken.None);
        await discovery.HandleAsync(config with { IsDuplicate = true }, CancellationToken.None);
        await states.HandleAsync(Message("store/d/state", "ON", duplicate: false), CancellationToken.None);
        await states.HandleAsync(Message("store/d/state", "ON", duplicate: true), CancellationToken.None);
        await states.HandleAsync(Message("store/d/lwt", "online", duplicate: false), CancellationToken.None);
        await states.HandleAsync(Message("store/d/lwt", "online", duplicate: true), CancellationToken.None);

        Assert.Equal(1, await harness.ScalarAsync("SELECT count(*) FROM automation.entities"));
        Assert.Equal(2, await harness.ScalarAsync("SELECT count(*) FROM automation.state_history")); // "on", then available
        var before = await harness.ScalarAsync("SELECT extract(epoch FROM last_updated) * 1000000 FROM automation.entity_states");
        await states.HandleAsync(Message("store/d/state", "ON", duplicate: true), CancellationToken.None);
        Assert.Equal(before, await harness.ScalarAsync("SELECT extract(epoch FROM last_updated) * 1000000 FROM automation.entity_states"));
    }

    [Fact]
    public async Task A_batch_keeps_each_change_in_order_and_the_resends_after_a_crash_change_nothing()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "store_batch");
        var services = harness.Service!.Services;
        var discovery = services.GetRequiredService<DiscoveryHandler>();
        var states = services.GetRequiredService<StateHandler>();
        await discovery.HandleAsync(Message($"{harness.Prefix}/switch/lamp_t/config", Switch.Replace("{0}", "t", StringComparison.Ordinal), duplicate: false), CancellationToken.None);

        // On, off and on again in one batch: three history rows, in that order, not just the last state.
        MqttInboundMessage[] batch =
        [
            Message("store/t/state", "ON", duplicate: false) with { PacketId = 11 },
            Message("store/t/state", "OFF", duplicate: false) with { PacketId = 12 },
            Message("store/t/state", "ON", duplicate: false) with { PacketId = 13 },
        ];
        await states.HandleBatchAsync(batch, CancellationToken.None);
        Assert.Equal("on,off,on", await HistoryAsync(harness));

        // The process died before acknowledging: the broker sends the last two again, marked DUP. Stored already,
        // they change nothing (replayed, "off" would switch the state back and fire automations again).
        await states.HandleBatchAsync([batch[1] with { IsDuplicate = true }, batch[2] with { IsDuplicate = true }], CancellationToken.None);
        Assert.Equal("on,off,on", await HistoryAsync(harness));

        // A resend under an id whose record holds another message was never stored: it is applied.
        await states.HandleBatchAsync([Message("store/t/state", "OFF", duplicate: true) with { PacketId = 13 }], CancellationToken.None);
        Assert.Equal("on,off,on,off", await HistoryAsync(harness));
        Assert.Equal(3, await harness.ScalarAsync("SELECT count(*) FROM automation.mqtt_received WHERE topic = 'store/t/state'"));
    }

    private static async Task<string> HistoryAsync(DeviceHarness harness)
    {
        await using var connection = new Npgsql.NpgsqlConnection(harness.Database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT string_agg(state, ',' ORDER BY id) FROM automation.state_history WHERE kind = 'state'", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Messages_published_while_the_service_is_down_are_stored_after_it_returns_and_entity_ids_stay()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "store_restart");
        // Two entities that both want switch.lamp_r: the second gets _2, and must keep it.
        await harness.PublishAsync($"{harness.Prefix}/switch/lamp_r/config", Switch.Replace("{0}", "r", StringComparison.Ordinal), retain: true);
        await harness.EntityAsync(e => e.EntityId == "switch.lamp_r", "the first lamp");
        await harness.PublishAsync($"{harness.Prefix}/switch/other/lamp_r/config",
            Switch.Replace("{0}", "r", StringComparison.Ordinal).Replace("store/r/", "store/r2/", StringComparison.Ordinal), retain: true);
        await harness.EntityAsync(e => e.EntityId == "switch.lamp_r_2", "the second lamp");

        await harness.StopServiceAsync();
        await harness.PublishAsync("store/r2/state", "ON");
        await harness.PublishAsync("store/r/state", "ON");
        await harness.PublishAsync("store/r/state", "OFF");

        await harness.StartServiceAsync();
        var second = await harness.EntityAsync(e => e.EntityId == "switch.lamp_r_2" && e.State.Value == "on", "the second lamp's state sent while down");
        var first = await harness.EntityAsync(e => e.EntityId == "switch.lamp_r" && e.State.Value == "off", "the first lamp's last state sent while down");
        Assert.NotEqual(first.UniqueId ?? first.EntityId, second.UniqueId ?? second.EntityId);
        Assert.Equal(3, await harness.ScalarAsync("SELECT count(*) FROM automation.state_history WHERE kind = 'state'"));
        Assert.Equal(2, await harness.ScalarAsync("SELECT count(*) FROM automation.entities"));
    }

    [Fact]
    public async Task Bad_input_is_refused_or_shown_on_the_entity_and_never_stops_the_service()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "store_bad");
        var p = harness.Prefix;
        await harness.PublishAsync($"{p}/switch/broken/config", "{\"name\": \"Broken\", ", retain: true);
        await harness.PublishAsync($"{p}/switch/huge/config", new byte[1024 * 1024], retain: true);
        await harness.PublishAsync($"{p}/switch/with space/config", Switch.Replace("{0}", "s", StringComparison.Ordinal));
        await harness.PublishAsync($"{p}/switch/ünïcode/config", Switch.Replace("{0}", "u", StringComparison.Ordinal));
        await harness.PublishAsync($"{p}/vacuum/robot/config", """{"name":"Robot","command_topic":"robot/set"}""", retain: true);
        await harness.PublishAsync($"{p}/switch/nul/config", "{\"name\":\"a\\u0000b\",\"state_topic\":\"x\",\"command_topic\":\"y\"}", retain: true);
        await harness.PublishAsync($"{p}/switch/lamp_b/config",
            Switch.Replace("{0}", "b", StringComparison.Ordinal).Replace("store/b/state", "store/b ü/state", StringComparison.Ordinal), retain: true);

        var vacuum = await harness.EntityAsync(e => e.Component == "vacuum", "the vacuum, listed as unsupported");
        Assert.Equal("unsupported", vacuum.Support);
        Assert.Contains("vacuum", vacuum.Problem, StringComparison.Ordinal);
        var nul = await harness.EntityAsync(e => e.EntityId.StartsWith("switch.", StringComparison.Ordinal) && e.Support == "invalid", "the config holding NUL, listed as invalid");
        Assert.Contains("cannot be stored", nul.Problem, StringComparison.Ordinal);
        var lamp = await harness.EntityAsync(e => e.EntityId == "switch.lamp_b", "the lamp with a unicode state topic");

        await harness.PublishAsync("store/b ü/state", new byte[1024 * 1024]);
        await harness.EntityAsync(e => e.EntityId == lamp.EntityId && e.State.Error is not null, "the 1 MB state shown as the entity's error");
        await harness.PublishAsync("store/b ü/state", [0xC3, 0x28]);
        await harness.PublishAsync("store/b ü/state", "ON");
        var on = await harness.EntityAsync(e => e.EntityId == lamp.EntityId && e.State.Value == "on", "the lamp still read after bad payloads");
        Assert.Null(on.State.Error);

        Assert.Equal(0, await harness.ScalarAsync("SELECT count(*) FROM automation.entities WHERE discovery_key LIKE '%broken%' OR discovery_key LIKE '%huge%' OR discovery_key LIKE '%space%'"));
        using var anonymous = harness.Client(null);
        Assert.True((await anonymous.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode);
        using var user = harness.User();
        // The vacuum, the NUL config and the lamp; the malformed, huge, spaced and non-ASCII discovery topics were refused.
        Assert.Equal(3, (await user.GetFromJsonAsync<Page<DeviceEntity>>("/api/devices/entities"))!.Items.Count);
    }

    [Fact]
    public async Task The_migrations_go_down_and_up_again()
    {
        var database = await postgres.CreateDatabaseAsync("store_migrations");
        var migrator = automation::Jarvis.Automation.Infrastructure.Migrations.AutomationSchema.Definition.Migrator(database);
        await migrator.MigrateUpAsync();
        Assert.Equal([1L, 2, 3, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23], await migrator.AppliedVersionsAsync());
        await migrator.MigrateDownAsync(2);
        Assert.Equal([1L, 2], await migrator.AppliedVersionsAsync());
        await migrator.MigrateUpAsync();
        Assert.Equal([1L, 2, 3, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23], await migrator.AppliedVersionsAsync());
    }

    private static MqttInboundMessage Message(string topic, string payload, bool duplicate) =>
        new(topic, Encoding.UTF8.GetBytes(payload), false, 1, duplicate, DateTimeOffset.UtcNow);
}
