using System.Text.Json.Nodes;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>
/// Each trigger in the real service: a state message or an MQTT message in, an <c>mqtt.publish</c> out on the
/// test's own topic. Where a trigger must not fire, a later event that must fire follows it: the outbox sends in
/// order, so a wrong firing would have arrived first.
/// </summary>
public sealed partial class AutomationBehaviourTests
{
    private static string Publish(string topic, string payload) =>
        $$"""
        actions:
          - action: mqtt.publish
            data: { topic: {{topic}}, payload: "{{payload}}" }
        """;

    [Fact]
    public async Task State_from_to_fires_on_the_change_it_names_only()
    {
        await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "OFF", "off");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: state
                entity_id: switch.bh_lamp
                from: "off"
                to: "on"
            {{{Publish("bh/out/state_from_to", "{{ trigger.from_state.state }}>{{ trigger.to_state.state }} {{ trigger.entity_id }}")}}}
            """);
        try
        {
            await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "ON", "on");
            await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "OFF", "off"); // on → off: not the change named
            await world.StateAsync("switch.bh_lamp", "bh/lamp/state", "ON", "on");
            var outputs = await world.OutputsAsync("bh/out/state_from_to", 2);
            Assert.Equal(["off>on switch.bh_lamp", "off>on switch.bh_lamp"], outputs.Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task State_with_attribute_fires_on_the_attribute_change()
    {
        await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":20,"battery":80}""", "20");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: state
                entity_id: sensor.bh_temp
                attribute: battery
            {{{Publish("bh/out/state_attribute", "{{ trigger.from_state.attributes.battery }}>{{ trigger.to_state.attributes.battery }}")}}}
            """);
        try
        {
            await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":21,"battery":80}""", "21"); // the state changes, the attribute does not
            await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":21,"battery":15}""", "21");
            var outputs = await world.OutputsAsync("bh/out/state_attribute", 1);
            Assert.Equal(["80>15"], outputs.Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task State_for_fires_after_the_hold_and_is_cancelled_when_the_state_turns_back()
    {
        await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "OFF", "off");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: state
                entity_id: binary_sensor.bh_door
                to: "on"
                for: 2
            {{{Publish("bh/out/state_for", "{{ trigger.for }}")}}}
            """);
        try
        {
            // Open, close again before 2 s: no run (and its stored wait goes).
            await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "ON", "on");
            await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "OFF", "off");
            await Jarvis.Automation.Tests.DevicesApi.DeviceHarness.EventuallyAsync(
                async () => await world.Harness.ScalarAsync("SELECT count(*) FROM automation.automation_trigger_waits") == 0, "the cancelled wait is deleted");

            var opened = DateTimeOffset.UtcNow;
            await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "ON", "on");
            var outputs = await world.OutputsAsync("bh/out/state_for", 1);
            Assert.Single(outputs);
            Assert.Equal("00:00:02", outputs[0].Payload);
            Assert.True(outputs[0].At - opened >= TimeSpan.FromSeconds(1.9), $"fired {(outputs[0].At - opened).TotalSeconds:0.00} s after the second opening: the first, cancelled one fired");
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Numeric_state_fires_when_the_value_enters_the_range()
    {
        await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":20,"battery":80}""", "20");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: numeric_state
                entity_id: sensor.bh_temp
                above: 25
                below: 30
            {{{Publish("bh/out/numeric", "{{ trigger.to_state.state }}")}}}
            """);
        try
        {
            foreach (var t in new[] { "27", "28", "35", "26" }) // 28 stays in range, 35 leaves it: 27 and 26 fire
            {
                await world.StateAsync("sensor.bh_temp", "bh/temp", $$"""{"t":{{t}},"battery":80}""", t);
            }

            var outputs = await world.OutputsAsync("bh/out/numeric", 2);
            Assert.Equal(["27", "26"], outputs.Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Numeric_state_for_waits_for_the_hold()
    {
        await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":20,"battery":80}""", "20");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: numeric_state
                entity_id: sensor.bh_temp
                below: 10
                for: { seconds: 2 }
            {{{Publish("bh/out/numeric_for", "{{ trigger.to_state.state }}")}}}
            """);
        try
        {
            await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":5,"battery":80}""", "5");
            await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":12,"battery":80}""", "12"); // out of range again: cancelled
            var entered = DateTimeOffset.UtcNow;
            await world.StateAsync("sensor.bh_temp", "bh/temp", """{"t":3,"battery":80}""", "3");
            var outputs = await world.OutputsAsync("bh/out/numeric_for", 1);
            Assert.Equal(["3"], outputs.Select(o => o.Payload));
            Assert.True(outputs[0].At - entered >= TimeSpan.FromSeconds(1.9), "fired before its 2 s hold");
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Mqtt_matches_wildcards_and_the_payload_through_its_value_template()
    {
        var id = await world.CreateAsync($$$"""
            mode: queued
            triggers:
              - trigger: mqtt
                topic: bh/in/+/x/#
                payload: go
                value_template: "{{ value_json.cmd }}"
            {{{Publish("bh/out/mqtt", "{{ trigger.topic }} {{ trigger.payload_json.n }}")}}}
            """);
        try
        {
            await world.Harness.PublishAsync("bh/in/a/x/b/c", """{"cmd":"stay","n":1}"""); // payload differs
            await world.Harness.PublishAsync("bh/in/a/y", """{"cmd":"go","n":2}"""); // topic differs
            await world.Harness.PublishAsync("bh/in/a/b/x", """{"cmd":"go","n":3}"""); // + is one level
            await world.Harness.PublishAsync("bh/in/q/x", """{"cmd":"go","n":4}"""); // # matches the parent level too
            await world.Harness.PublishAsync("bh/in/q/x/z/w", """{"cmd":"go","n":5}""");
            var outputs = await world.OutputsAsync("bh/out/mqtt", 2);
            Assert.Equal(["bh/in/q/x 4", "bh/in/q/x/z/w 5"], outputs.Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Time_at_fires_at_its_second()
    {
        // The time must still lie ahead once the automation is saved: on a busy machine saving may take seconds.
        var margin = TimeSpan.FromSeconds(3);
        string id;
        DateTimeOffset at;
        while (true)
        {
            at = DateTimeOffset.Now + margin;
            at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
            id = await world.CreateAsync($$$"""
                triggers:
                  - trigger: time
                    at: "{{{AutomationWorld.LocalTime(at)}}}"
                {{{Publish("bh/out/time", "{{ trigger.platform }} {{ trigger.catch_up }}")}}}
                """);
            if (DateTimeOffset.Now < at.AddMilliseconds(-500))
            {
                break;
            }

            await world.DeleteAsync(id);
            margin *= 2;
        }

        try
        {
            var outputs = await world.OutputsAsync("bh/out/time", 1);
            Assert.Equal("time False", outputs[0].Payload.Replace("false", "False", StringComparison.Ordinal));
            Assert.True(outputs[0].At >= at, $"fired at {outputs[0].At:O}, before {at:O}");
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Time_pattern_fires_on_the_seconds_it_names()
    {
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: time_pattern
                seconds: "/3"
            {{{Publish("bh/out/time_pattern", "{{ trigger.now }}")}}}
            """);
        try
        {
            var outputs = await world.OutputsAsync("bh/out/time_pattern", 2);
            foreach (var output in outputs.Take(2))
            {
                Assert.Equal(0, DateTimeOffset.Parse(output.Payload, System.Globalization.CultureInfo.InvariantCulture).Second % 3);
            }
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task A_trigger_with_enabled_false_never_fires()
    {
        await world.StateAsync("switch.bh_fan", "bh/fan/state", "OFF", "off");
        var id = await world.CreateAsync($$$"""
            triggers:
              - trigger: state
                entity_id: switch.bh_fan
                to: "on"
                enabled: false
              - trigger: mqtt
                topic: bh/in/disabled
            {{{Publish("bh/out/disabled", "{{ trigger.platform }}")}}}
            """);
        try
        {
            await world.StateAsync("switch.bh_fan", "bh/fan/state", "ON", "on");
            await world.Harness.PublishAsync("bh/in/disabled", "x");
            var outputs = await world.OutputsAsync("bh/out/disabled", 1);
            Assert.Equal(["mqtt"], outputs.Select(o => o.Payload));
            var runs = await world.RunsAsync(id);
            Assert.Equal("mqtt", Assert.Single(runs)["trigger"]!["platform"]!.ToString());
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }
}
