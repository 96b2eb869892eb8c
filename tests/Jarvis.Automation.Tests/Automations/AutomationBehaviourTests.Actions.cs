using System.Text.Json.Nodes;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>Each action in the real service, run from the API: what reaches the broker, and what the trace says.</summary>
public sealed partial class AutomationBehaviourTests
{
    private async Task ActionStatesAsync()
    {
        await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "ON", "on");
        await world.StateAsync("switch.bh_fan", "bh/fan/state", "ON", "on");
    }

    private async Task<(string Id, JsonObject Trace)> RunActionsAsync(string actions)
    {
        var id = await world.CreateAsync($$$"""
            triggers: [{ trigger: mqtt, topic: bh/in/never }]
            actions:
            {{{actions}}}
            """);
        var runId = await world.RunAsync(id);
        return (id, await world.EndedAsync(id, runId!));
    }

    internal static string Status(JsonObject trace) => trace["run"]!["status"]!.ToString();

    [Fact]
    public async Task Device_services_go_through_the_command_path()
    {
        await ActionStatesAsync();
        var (id, trace) = await RunActionsAsync("""
              - action: light.turn_on
                target: { entity_id: light.bh_light }
                data: { brightness_pct: 40 }
              - action: switch.toggle
                target: { entity_id: switch.bh_lamp }
              - action: homeassistant.turn_off
                target: { entity_id: [switch.bh_fan] }
              - action: cover.set_cover_position
                target: { entity_id: cover.bh_blind }
                data: { position: 30 }
              - action: cover.open_cover
                target: { entity_id: cover.bh_blind }
            """);
        try
        {
            Assert.Equal("succeeded", Status(trace));
            var light = JsonNode.Parse((await world.OutputsAsync("bh/light/set", 1))[^1].Payload)!;
            Assert.Equal("ON", light["state"]!.ToString());
            Assert.Equal(102, light["brightness"]!.GetValue<int>());
            Assert.Equal("OFF", (await world.OutputsAsync("bh/lamp/set", 1))[^1].Payload); // the lamp was on
            Assert.Equal("OFF", (await world.OutputsAsync("bh/fan/set", 1))[^1].Payload);
            Assert.Equal("30", (await world.OutputsAsync("bh/blind/position", 1))[^1].Payload);
            Assert.Equal("OPEN", (await world.OutputsAsync("bh/blind/set", 1))[^1].Payload);
            Assert.Equal(5, await world.Harness.ScalarAsync($"SELECT count(*) FROM automation.device_commands WHERE idempotency_key LIKE '{trace["run"]!["id"]}:%'"));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Publish_notify_delay_variables_and_a_disabled_step()
    {
        var (id, trace) = await RunActionsAsync("""
              - variables: { greeting: "hello {{ 2 + 3 }}" }
              - action: mqtt.publish
                data: { topic: bh/out/act_publish, payload: "{{ greeting }}", qos: 1 }
              - delay: { seconds: 1 }
              - action: mqtt.publish
                enabled: false
                data: { topic: bh/out/act_publish, payload: never }
              - action: notify.jarvis
                data: { title: Hi, message: "{{ greeting }} from {{ this.alias }}" }
              - action: mqtt.publish
                data: { topic: bh/out/act_publish, payload: after }
            """);
        try
        {
            Assert.Equal("succeeded", Status(trace));
            var outputs = await world.OutputsAsync("bh/out/act_publish", 2);
            Assert.Equal(["hello 5", "after"], outputs.Select(o => o.Payload));
            Assert.True(outputs[1].At - outputs[0].At >= TimeSpan.FromSeconds(0.95), "the delay of 1 s did not hold");
            var notice = JsonNode.Parse(world.Seen("jarvis/notify/admins").Select(m => m.Payload).Last(p => p.Contains(id, StringComparison.Ordinal)))!;
            Assert.Equal("Hi", notice["title"]!.ToString());
            Assert.StartsWith("hello 5 from", notice["message"]!.ToString(), StringComparison.Ordinal);
            var disabled = trace["steps"]!.AsArray().Single(s => s!["path"]!.ToString() == "action/3")!;
            Assert.False(disabled["result"]!["enabled"]!.GetValue<bool>());
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Choose_and_if_take_the_branch_their_conditions_pick()
    {
        await ActionStatesAsync();
        var (id, trace) = await RunActionsAsync("""
              - choose:
                  - conditions: [{ condition: state, entity_id: switch.bh_lamp, state: "off" }]
                    sequence: [{ action: mqtt.publish, data: { topic: bh/out/act_branch, payload: choose-0 } }]
                  - conditions: "{{ is_state('switch.bh_lamp', 'on') }}"
                    sequence: [{ action: mqtt.publish, data: { topic: bh/out/act_branch, payload: choose-1 } }]
                default: [{ action: mqtt.publish, data: { topic: bh/out/act_branch, payload: default } }]
              - if: [{ condition: numeric_state, entity_id: sensor.bh_temp, above: 1000 }]
                then: [{ action: mqtt.publish, data: { topic: bh/out/act_branch, payload: then } }]
                else: [{ action: mqtt.publish, data: { topic: bh/out/act_branch, payload: else } }]
            """);
        try
        {
            Assert.Equal("succeeded", Status(trace));
            Assert.Equal(["choose-1", "else"], (await world.OutputsAsync("bh/out/act_branch", 2)).Select(o => o.Payload));
            var paths = trace["steps"]!.AsArray().Select(s => s!["path"]!.ToString()).ToList();
            Assert.Contains("action/0/choose/1/sequence/0", paths);
            Assert.Contains("action/1/else/0", paths);
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Repeat_count_while_and_until()
    {
        var (id, trace) = await RunActionsAsync("""
              - repeat:
                  count: 3
                  sequence: [{ action: mqtt.publish, data: { topic: bh/out/act_repeat, payload: "count {{ repeat.index }}" } }]
              - variables: { n: 0 }
              - repeat:
                  while: "{{ n < 2 }}"
                  sequence:
                    - variables: { n: "{{ n + 1 }}" }
                    - action: mqtt.publish
                      data: { topic: bh/out/act_repeat, payload: "while {{ n }}" }
              - repeat:
                  until: "{{ repeat.index >= 2 }}"
                  sequence: [{ action: mqtt.publish, data: { topic: bh/out/act_repeat, payload: "until {{ repeat.index }}" } }]
              - variables: { f: "{{ n / 1 }}" }
              - action: mqtt.publish
                data: { topic: bh/out/act_repeat, payload: "numbers {{ n }} {{ n + 1 }} {{ f }} {{ f + 1 }} {{ n * 0.5 }}" }
            """);
        try
        {
            Assert.Equal("succeeded", Status(trace));
            // Integers stay integers through variables ({{ n + 1 }} is 1, not 1.0, as Jinja renders it); floats stay floats.
            Assert.Equal(["count 1", "count 2", "count 3", "while 1", "while 2", "until 1", "until 2", "numbers 2 3 2.0 3.0 1.0"],
                (await world.OutputsAsync("bh/out/act_repeat", 8)).Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task A_repeat_without_end_fails_at_the_cap_saying_so()
    {
        var (id, trace) = await RunActionsAsync("""
              - repeat:
                  while: "{{ true }}"
                  sequence: [{ variables: { x: 1 } }]
            """);
        try
        {
            Assert.Equal("failed", Status(trace));
            Assert.Contains("safety cap", trace["run"]!["error"]!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Stop_ends_the_run_and_stop_with_error_fails_it()
    {
        var (stopped, trace) = await RunActionsAsync("""
              - stop: "enough"
              - action: mqtt.publish
                data: { topic: bh/out/act_stop, payload: never }
            """);
        var (failed, failure) = await RunActionsAsync("""
              - stop: "broken"
                error: true
            """);
        try
        {
            Assert.Equal("stopped", Status(trace));
            Assert.Equal("enough", trace["run"]!["error"]!.ToString());
            Assert.Equal("failed", Status(failure));
            Assert.Equal("broken", failure["run"]!["error"]!.ToString());
            Assert.Empty(world.Seen("bh/out/act_stop"));
        }
        finally
        {
            await world.DeleteAsync(stopped);
            await world.DeleteAsync(failed);
        }
    }

    [Fact]
    public async Task Wait_for_trigger_continues_when_it_fires_or_times_out_as_told()
    {
        await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "OFF", "off");
        var id = await world.CreateAsync("""
            triggers: [{ trigger: mqtt, topic: bh/in/never }]
            actions:
              - wait_for_trigger: [{ trigger: state, entity_id: binary_sensor.bh_door, to: "on" }]
                timeout: 60
              - action: mqtt.publish
                data: { topic: bh/out/act_wait, payload: "opened {{ wait.completed }} {{ wait.trigger.to_state.state }}" }
              - wait_for_trigger: [{ trigger: mqtt, topic: bh/in/never }]
                timeout: { milliseconds: 500 }
              - action: mqtt.publish
                data: { topic: bh/out/act_wait, payload: "timed out {{ wait.completed }}" }
              - wait_for_trigger: [{ trigger: mqtt, topic: bh/in/never }]
                timeout: { milliseconds: 500 }
                continue_on_timeout: false
              - action: mqtt.publish
                data: { topic: bh/out/act_wait, payload: never }
            """);
        try
        {
            var runId = await world.RunAsync(id);
            await Jarvis.Automation.Tests.DevicesApi.DeviceHarness.EventuallyAsync(
                async () => await world.Harness.ScalarAsync($"SELECT count(*) FROM automation.automation_runs WHERE id = '{runId}' AND checkpoint IS NOT NULL") == 1,
                "the run waits for the door");
            await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "ON", "on");
            var trace = await world.EndedAsync(id, runId!);
            Assert.Equal("stopped", Status(trace));
            Assert.Contains("wait_for_trigger timed out", trace["run"]!["error"]!.ToString(), StringComparison.Ordinal);
            var outputs = (await world.OutputsAsync("bh/out/act_wait", 2)).Select(o => o.Payload.ToLowerInvariant()).ToList();
            Assert.Equal(["opened true on", "timed out false"], outputs);
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Errors_while_running_fail_the_run_with_their_reason_in_the_trace()
    {
        var (unknown, missing) = await RunActionsAsync("""
              - action: switch.turn_on
                target: { entity_id: switch.bh_nobody }
            """);
        var (template, undefined) = await RunActionsAsync("""
              - action: mqtt.publish
                data: { topic: bh/out/act_error, payload: "{{ trigger.nothing.deeper }}" }
            """);
        try
        {
            Assert.Equal("failed", Status(missing));
            Assert.Contains("there is no entity switch.bh_nobody", missing["run"]!["error"]!.ToString(), StringComparison.Ordinal);
            Assert.Equal("failed", Status(undefined));
            var error = undefined["steps"]!.AsArray().Last()!["error"]?.ToString() ?? undefined["run"]!["error"]!.ToString();
            Assert.Contains("action/0/data", error, StringComparison.Ordinal);
            Assert.Empty(world.Seen("bh/out/act_error"));
        }
        finally
        {
            await world.DeleteAsync(unknown);
            await world.DeleteAsync(template);
        }
    }
}
