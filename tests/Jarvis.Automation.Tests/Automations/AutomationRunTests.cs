extern alias automation;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Automation.Tests.DevicesApi;
using Jarvis.Testing;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>Automations in the real service with real PostgreSQL and Mosquitto: a trigger acts on a device, the trace explains it, a delay survives a restart.</summary>
[Collection(AutomationCollection.Name)]
public sealed class AutomationRunTests(PostgresFixture postgres, MosquittoFixture mqtt, RedisFixture redis)
{
    private static string Switch(string name) =>
        $$$"""{"name":"Lamp","object_id":"lamp_{{{name}}}","state_topic":"auto/{{{name}}}/state","command_topic":"auto/{{{name}}}/set","dev":{"ids":["auto-{{{name}}}"],"name":"Auto {{{name}}}"}}""";

    private static async Task<JsonObject> CreateAsync(HttpClient admin, string yaml)
    {
        using var content = new StringContent(yaml, Encoding.UTF8, "application/yaml");
        using var response = await admin.PostAsync(new Uri("/api/automations", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonObject)JsonNode.Parse(body)!;
    }

    private static async Task<JsonObject> TraceAsync(HttpClient user, string automation, Func<JsonObject, bool> done, string what)
    {
        JsonObject? trace = null;
        await DeviceHarness.EventuallyAsync(async () =>
        {
            var page = JsonNode.Parse(await user.GetStringAsync(new Uri($"/api/automations/{automation}/traces", UriKind.Relative)))!;
            if (page["items"]!.AsArray().FirstOrDefault() is not { } run)
            {
                return false;
            }

            trace = (JsonObject)JsonNode.Parse(await user.GetStringAsync(new Uri($"/api/automations/{automation}/traces/{run["id"]}", UriKind.Relative)))!;
            return done(trace);
        }, what);
        return trace!;
    }

    [Fact]
    public async Task A_state_trigger_commands_a_device_and_its_trace_shows_each_step()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "auto_state");
        await using var subscriber = await MqttSubscriber.ConnectAsync(mqtt.Address, "auto/state_b/set");
        await harness.PublishAsync($"{harness.Prefix}/switch/a/config", Switch("state_a"), retain: true);
        await harness.PublishAsync($"{harness.Prefix}/switch/b/config", Switch("state_b"), retain: true);
        await harness.EntityAsync(e => e.EntityId == "switch.lamp_state_a", "lamp a");
        await harness.EntityAsync(e => e.EntityId == "switch.lamp_state_b", "lamp b");
        using var admin = harness.Admin();
        var automation = await CreateAsync(admin, """
            alias: Mirror
            triggers:
              - trigger: state
                entity_id: switch.lamp_state_a
                to: "on"
            conditions: "{{ states('switch.lamp_state_a') == 'on' }}"
            actions:
              - variables: { who: "{{ trigger.entity_id }}" }
              - action: switch.turn_on
                target: { entity_id: switch.lamp_state_b }
            """);

        await harness.PublishAsync("auto/state_a/state", "ON");
        var command = await subscriber.WaitForAsync("auto/state_b/set", DeviceHarness.Deadline);
        Assert.Equal("ON", Encoding.UTF8.GetString(command.Payload));

        using var user = harness.User();
        var trace = await TraceAsync(user, automation["id"]!.ToString(), t => t["run"]!["status"]!.ToString() == "succeeded", "the run succeeded");
        var paths = trace["steps"]!.AsArray().Select(s => s!["path"]!.ToString()).ToList();
        Assert.Equal(["trigger/0", "condition/0", "action/0", "action/1"], paths);
        Assert.Equal("switch.lamp_state_a", trace["variables"]!["who"]!.ToString());
    }

    [Fact]
    public async Task A_delay_interrupted_by_a_restart_finishes_on_time_and_nothing_is_sent_twice()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "auto_delay");
        await using var subscriber = await MqttSubscriber.ConnectAsync(mqtt.Address, "auto/delay_a/set");
        await harness.PublishAsync($"{harness.Prefix}/switch/a/config", Switch("delay_a"), retain: true);
        await harness.EntityAsync(e => e.EntityId == "switch.lamp_delay_a", "the lamp");
        using var admin = harness.Admin();
        var automation = await CreateAsync(admin, """
            alias: Off later
            triggers: [{ trigger: homeassistant, event: start }]
            actions:
              - action: switch.turn_on
                target: { entity_id: switch.lamp_delay_a }
              - delay: 8
              - action: switch.turn_off
                target: { entity_id: switch.lamp_delay_a }
            """);
        var id = automation["id"]!.ToString();
        using (var user = harness.User())
        {
            using var run = await user.PostAsJsonAsync(new Uri($"/api/automations/{id}/run", UriKind.Relative), new { });
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        await subscriber.WaitForAsync("auto/delay_a/set", DeviceHarness.Deadline);
        var started = DateTimeOffset.UtcNow;
        await DeviceHarness.EventuallyAsync(async () => await harness.ScalarAsync("SELECT count(*) FROM automation.automation_runs WHERE checkpoint IS NOT NULL") == 1, "the delay's checkpoint");
        await harness.StopServiceAsync();
        await harness.StartServiceAsync();

        // The manual run resumes (the start trigger fires a second run, which starts again from the top).
        await DeviceHarness.EventuallyAsync(() => Task.FromResult(subscriber.Messages.Any(m => Encoding.UTF8.GetString(m.Payload) == "OFF")), "the OFF after the delay");
        var off = DateTimeOffset.UtcNow - started;
        Assert.InRange(off.TotalSeconds, 7, 9 + 2); // ± 1 s, plus the subscriber's and poll's own latency

        Assert.Equal(1, await harness.ScalarAsync(
            $"SELECT count(*) FROM automation.device_commands WHERE idempotency_key LIKE (SELECT id::text FROM automation.automation_runs WHERE automation = '{id}' AND trigger->>'id' = 'manual') || ':action/0#%'"));
    }

    [Fact]
    public async Task Bad_definitions_are_400s_naming_the_path_and_the_service_keeps_serving()
    {
        await using var harness = await DeviceHarness.StartAsync(postgres, mqtt, redis, "auto_bad");
        using var admin = harness.Admin();
        using var content = new StringContent("triggers: [{trigger: state, entity_id: a.b, bogus: 1}]\nactions: [{delay: 1}]", Encoding.UTF8, "application/yaml");
        using var response = await admin.PostAsync(new Uri("/api/automations", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["triggers[0].bogus"]);

        using var import = new StringContent("""
            - alias: fine
              trigger: [{platform: state, entity_id: switch.x, to: "on"}]
              action: [{service: switch.turn_off, target: {entity_id: switch.x}}]
            - alias: not supported
              trigger: [{platform: sun, event: sunset}]
              action: [{service: scene.turn_on, target: {entity_id: scene.x}}]
            """, Encoding.UTF8, "application/yaml");
        using var imported = await admin.PostAsync(new Uri("/api/automations/import", UriKind.Relative), import);
        var result = JsonNode.Parse(await imported.Content.ReadAsStringAsync())!;
        Assert.Equal(1, result["created"]!.GetValue<int>());
        Assert.Equal(1, result["refused"]!.GetValue<int>());
        Assert.NotNull(result["items"]![1]!["errors"]!["trigger[0].platform"]);

        using var user = harness.User();
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/api/automations", UriKind.Relative))).StatusCode);
    }
}
