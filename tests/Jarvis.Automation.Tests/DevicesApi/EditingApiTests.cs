extern alias automation;

using System.Net;
using System.Net.Http.Json;
using automation::Jarvis.Automation.Model;
using Jarvis.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.Automation.Tests.DevicesApi;

[Collection(AutomationCollection.Name)]
public sealed class EditingApiTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private static readonly string[] Aliases = ["ventilator", " fan "];
    private static readonly string[] BlankAlias = [""];

    private const string SwitchConfig = """{"name":"Fan","object_id":"fan_{0}","state_topic":"plain/{0}/state","command_topic":"plain/{0}/set","dev":{"ids":["plain-{0}"],"name":"Plain {0}"}}""";

    [Fact]
    public async Task Areas_are_created_renamed_listed_and_deleted_by_admins_only()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "api_areas");
        using var admin = harness.Admin();
        using var user = harness.User();

        await Problem.AssertAsync(await user.PostAsJsonAsync("/api/devices/areas", new { name = "Kitchen" }), HttpStatusCode.Forbidden);
        using var created = await admin.PostAsJsonAsync("/api/devices/areas", new { name = "Kitchen" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var kitchen = (await created.Content.ReadFromJsonAsync<Area>())!;
        await Problem.AssertAsync(await admin.PostAsJsonAsync("/api/devices/areas", new { name = "KITCHEN" }), HttpStatusCode.Conflict);
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/devices/areas", new { name = "  " }), "name");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/devices/areas", new { name = new string('x', 101) }), "name");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/devices/areas", new { name = "a\u0000b" }), "name");

        using var renamed = await admin.PatchAsJsonAsync($"/api/devices/areas/{kitchen.Id}", new { name = "Cuisine" });
        Assert.Equal("Cuisine", (await renamed.Content.ReadFromJsonAsync<Area>())!.Name);
        await Problem.AssertAsync(await user.PatchAsJsonAsync($"/api/devices/areas/{kitchen.Id}", new { name = "Mine" }), HttpStatusCode.Forbidden);
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync("/api/devices/areas/not-a-uuid", new { name = "x" }), "id");

        for (var i = 0; i < 3; i++)
        {
            (await admin.PostAsJsonAsync("/api/devices/areas", new { name = $"Room {i}" })).Dispose();
        }

        var first = (await user.GetFromJsonAsync<Page<Area>>("/api/devices/areas?limit=2"))!;
        Assert.Equal((2, 2), (first.Items.Count, first.Limit));
        var second = (await user.GetFromJsonAsync<Page<Area>>($"/api/devices/areas?limit=2&before={first.NextBefore}"))!;
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.NextBefore);
        Assert.Equal(1000, (await user.GetFromJsonAsync<Page<Area>>("/api/devices/areas?limit=5000"))!.Limit);
        Assert.Equal(1, (await user.GetFromJsonAsync<Page<Area>>("/api/devices/areas?limit=-3"))!.Limit);
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/areas?limit=many"), "limit");

        await Problem.AssertAsync(await user.DeleteAsync($"/api/devices/areas/{kitchen.Id}"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/devices/areas/{kitchen.Id}")).StatusCode);
        await Problem.AssertAsync(await admin.DeleteAsync($"/api/devices/areas/{kitchen.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admins_rename_place_alias_and_disable_entities_and_people_read_and_command_with_clear_problems()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "api_edit");
        await harness.PublishAsync($"{harness.Prefix}/switch/fan_a/config", SwitchConfig.Replace("{0}", "a", StringComparison.Ordinal), retain: true);
        await harness.PublishAsync($"{harness.Prefix}/sensor/temp_a/config",
            """{"name":"Temperature","state_topic":"plain/a/temp","unit_of_measurement":"°C","dev":{"ids":["plain-a"],"name":"Plain a"}}""", retain: true);
        var fan = await harness.EntityAsync(e => e.EntityId == "switch.fan_a", "the switch");
        var sensor = await harness.EntityAsync(e => e.Component == "sensor", "the sensor");
        using var admin = harness.Admin();
        using var user = harness.User();
        var area = (await (await admin.PostAsJsonAsync("/api/devices/areas", new { name = "Attic" })).Content.ReadFromJsonAsync<Area>())!;

        await Problem.AssertAsync(await user.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { name = "Mine" }), HttpStatusCode.Forbidden);
        using var patched = await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a",
            new { name = "Attic fan", area = area.Id.ToString(), aliases = Aliases });
        var edited = (await patched.Content.ReadFromJsonAsync<DeviceEntity>())!;
        Assert.Equal(("Attic fan", area.Id, 2), (edited.Name, edited.AreaId, edited.Aliases.Count));
        var inAttic = (await user.GetFromJsonAsync<Page<DeviceEntity>>($"/api/devices/entities?area={area.Id}"))!;
        Assert.Equal(["switch.fan_a"], inAttic.Items.Select(e => e.EntityId));
        Assert.Equal(["sensor"], (await user.GetFromJsonAsync<Page<DeviceEntity>>("/api/devices/entities?component=sensor"))!.Items.Select(e => e.Component));
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/entities?area=attic"), "area");
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/entities?component=li%20ght"), "component");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { area = Guid.NewGuid().ToString() }), "area");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { aliases = BlankAlias }), "aliases");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { disabled = "yes" }), "disabled");
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/entities/not%20an%20id"), "entityId");
        await Problem.AssertAsync(await user.GetAsync("/api/devices/entities/switch.nothing_here"), HttpStatusCode.NotFound);

        var cleared = (await (await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { name = "", area = "" })).Content.ReadFromJsonAsync<DeviceEntity>())!;
        Assert.Equal(("Plain a Fan", (Guid?)null), (cleared.Name, cleared.AreaId));

        var device = (await user.GetFromJsonAsync<Page<Device>>("/api/devices"))!.Items.Single();
        await Problem.AssertAsync(await user.PatchAsJsonAsync($"/api/devices/{device.Id}", new { name = "x" }), HttpStatusCode.Forbidden);
        var renamedDevice = (await (await admin.PatchAsJsonAsync($"/api/devices/{device.Id}", new { name = "Loft box", area = area.Id.ToString() })).Content.ReadFromJsonAsync<Device>())!;
        Assert.Equal(("Loft box", area.Id), (renamedDevice.Name, renamedDevice.AreaId));
        Assert.Equal(2, (await user.GetFromJsonAsync<Page<DeviceEntity>>($"/api/devices/entities?area={area.Id}"))!.Items.Count);
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/123"), "id");
        await Problem.AssertAsync(await user.GetAsync($"/api/devices/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        var url = "/api/devices/entities/switch.fan_a/commands";
        await Problem.AssertFieldAsync(await user.PostAsJsonAsync(url, new { command = "explode" }), "command");
        await Problem.AssertFieldAsync(await user.PostAsJsonAsync(url, new { command = "turn_on", brightness = 300 }), "brightness");
        await Problem.AssertFieldAsync(await user.PostAsJsonAsync(url, new { command = "set", value = new { nested = true } }), "value");
        await Problem.AssertFieldAsync(await user.PostAsJsonAsync(url, new { command = "turn_on", position = "high" }), "position");
        await Problem.AssertFieldAsync(await user.PostAsJsonAsync(url, new { command = "set", value = 3 }), "command");
        await Problem.AssertAsync(await user.PostAsJsonAsync($"/api/devices/entities/{sensor.EntityId}/commands", new { command = "turn_on" }), HttpStatusCode.UnprocessableEntity);
        await Problem.AssertAsync(await user.PostAsJsonAsync("/api/devices/entities/switch.nothing_here/commands", new { command = "turn_on" }), HttpStatusCode.NotFound);

        (await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { disabled = true })).Dispose();
        await Problem.AssertAsync(await user.PostAsJsonAsync(url, new { command = "turn_on" }), HttpStatusCode.Conflict);
        (await admin.PatchAsJsonAsync("/api/devices/entities/switch.fan_a", new { disabled = false })).Dispose();
        using var accepted = await user.PostAsJsonAsync(url, new { command = "toggle" });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Problem.AssertFieldAsync(await user.GetAsync("/api/devices/commands/abc"), "id");
        await Problem.AssertAsync(await user.GetAsync($"/api/devices/commands/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(fan.EntityId, (await user.GetFromJsonAsync<CommandStatus>(accepted.Headers.Location!.OriginalString))!.EntityId);
    }

    [Fact]
    public async Task History_is_queried_by_time_and_page_and_pruned_past_its_retention()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "api_history");
        await harness.PublishAsync($"{harness.Prefix}/switch/fan_h/config", SwitchConfig.Replace("{0}", "h", StringComparison.Ordinal), retain: true);
        await harness.EntityAsync(e => e.EntityId == "switch.fan_h", "the switch");
        foreach (var state in new[] { "ON", "OFF", "ON", "OFF" })
        {
            await harness.PublishAsync("plain/h/state", state);
        }

        using var user = harness.User();
        var url = "/api/devices/entities/switch.fan_h/history";
        await DeviceHarness.EventuallyAsync(async () => (await user.GetFromJsonAsync<Page<StateEvent>>(url))!.Items.Count == 4, "four history rows");
        var page = (await user.GetFromJsonAsync<Page<StateEvent>>(url + "?limit=3"))!;
        Assert.Equal(["off", "on", "off"], page.Items.Select(i => i.State));
        var rest = (await user.GetFromJsonAsync<Page<StateEvent>>($"{url}?limit=3&before={page.NextBefore}"))!;
        Assert.Equal(["on"], rest.Items.Select(i => i.State));
        Assert.Empty((await user.GetFromJsonAsync<Page<StateEvent>>(url + "?from=2100-01-01T00:00:00Z"))!.Items);
        Assert.Equal(4, (await user.GetFromJsonAsync<Page<StateEvent>>(url + "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z"))!.Items.Count);
        await Problem.AssertFieldAsync(await user.GetAsync(url + "?from=yesterday"), "from");
        await Problem.AssertFieldAsync(await user.GetAsync(url + "?from=2100-01-01T00:00:00Z&to=2000-01-01T00:00:00Z"), "to");
        await Problem.AssertFieldAsync(await user.GetAsync(url + "?before=-1"), "before");
        await Problem.AssertAsync(await user.GetAsync("/api/devices/entities/switch.nothing/history"), HttpStatusCode.NotFound);

        // Two rows age past the 30-day retention; one pass deletes exactly those.
        await harness.ScalarAsync("""
            UPDATE automation.state_history SET recorded_at = now() - interval '31 days'
            WHERE id IN (SELECT id FROM automation.state_history ORDER BY id LIMIT 2)
            """);
        var pruner = harness.Service!.Services.GetRequiredService<automation::Jarvis.Automation.Storage.HistoryPruner>();
        Assert.Equal(2, await pruner.PruneAsync(CancellationToken.None));
        Assert.Equal(2, (await user.GetFromJsonAsync<Page<StateEvent>>(url))!.Items.Count);
        Assert.Equal(0, await pruner.PruneAsync(CancellationToken.None));
    }
}
