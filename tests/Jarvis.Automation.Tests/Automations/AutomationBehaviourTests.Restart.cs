using System.Text.Json.Nodes;
using Jarvis.Automation.Tests.DevicesApi;

namespace Jarvis.Automation.Tests.Automations;

/// <summary>A restart of the service: start triggers fire, a time trigger missed while down runs once marked catch-up, a pending <c>for</c> keeps its due time.</summary>
public sealed partial class AutomationBehaviourTests
{
    [Fact]
    public async Task After_a_restart_start_triggers_fire_missed_time_triggers_catch_up_and_for_keeps_its_time()
    {
        await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "OFF", "off");
        var at = DateTimeOffset.Now.AddSeconds(20);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
        var started = await world.CreateAsync("""
            triggers: [{ trigger: homeassistant, event: start }]
            actions: [{ action: mqtt.publish, data: { topic: bh/out/restart_start, payload: "{{ trigger.event }}" } }]
            """);
        var time = await world.CreateAsync($$$"""
            triggers: [{ trigger: time, at: "{{{AutomationWorld.LocalTime(at)}}}" }]
            actions: [{ action: mqtt.publish, data: { topic: bh/out/restart_time, payload: "{{ trigger.catch_up }}" } }]
            """);
        var held = await world.CreateAsync("""
            triggers: [{ trigger: state, entity_id: binary_sensor.bh_door, to: "on", for: 6 }]
            actions: [{ action: mqtt.publish, data: { topic: bh/out/restart_for, payload: held } }]
            """);
        try
        {
            var opened = DateTimeOffset.UtcNow;
            await world.StateAsync("binary_sensor.bh_door", "bh/door/state", "ON", "on");
            // The 'for' is pending once its wait is stored (the automation handles the stored state a moment later).
            await DeviceHarness.EventuallyAsync(async () => await world.Harness.ScalarAsync("SELECT count(*) FROM automation.automation_trigger_waits") == 1,
                "the for's wait is stored");
            await world.Harness.StopServiceAsync();
            Assert.True(DateTimeOffset.Now < at, "the service stopped after the time trigger's time; the test proves nothing");

            await DeviceHarness.EventuallyAsync(() => Task.FromResult(DateTimeOffset.Now > at.AddSeconds(1)), "the time trigger's time passes while the service is down");
            await world.Harness.StartServiceAsync();

            Assert.Equal("start", (await world.OutputsAsync("bh/out/restart_start", 1))[0].Payload);
            Assert.Equal("true", (await world.OutputsAsync("bh/out/restart_time", 1))[0].Payload.ToLowerInvariant());
            var catchUp = Assert.Single(await world.RunsAsync(time));
            Assert.True(catchUp["catchUp"]!.GetValue<bool>());

            var fired = Assert.Single(await world.OutputsAsync("bh/out/restart_for", 1));
            Assert.True(fired.At - opened >= TimeSpan.FromSeconds(5.9), $"the for fired {(fired.At - opened).TotalSeconds:0.0} s after the opening, before its 6 s");
        }
        finally
        {
            await world.DeleteAsync(started);
            await world.DeleteAsync(time);
            await world.DeleteAsync(held);
        }
    }
}
