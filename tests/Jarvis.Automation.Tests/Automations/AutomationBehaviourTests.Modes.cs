namespace Jarvis.Automation.Tests.Automations;

/// <summary>Each mode under a burst of triggers.</summary>
public sealed partial class AutomationBehaviourTests
{
    [Fact]
    public async Task Single_drops_triggers_while_a_run_goes_on()
    {
        var id = await world.CreateAsync("""
            mode: single
            max_exceeded: silent
            triggers: [{ trigger: mqtt, topic: bh/in/never }]
            actions:
              - delay: 5
              - action: mqtt.publish
                data: { topic: bh/out/mode_single, payload: done }
            """);
        try
        {
            var first = await world.RunAsync(id);
            Assert.NotNull(first);
            Assert.Null(await world.RunAsync(id)); // 409: the mode refused it
            Assert.Null(await world.RunAsync(id));
            await world.EndedAsync(id, first!);
            Assert.Single(await world.RunsAsync(id));
            Assert.Single(await world.OutputsAsync("bh/out/mode_single", 1));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Restart_cancels_the_running_run()
    {
        var id = await world.CreateAsync("""
            mode: restart
            triggers: [{ trigger: mqtt, topic: bh/in/mode_restart }]
            actions:
              - action: mqtt.publish
                data: { topic: bh/out/mode_restart, payload: "start {{ trigger.payload }}" }
              - delay: 6
              - action: mqtt.publish
                data: { topic: bh/out/mode_restart, payload: "end {{ trigger.payload }}" }
            """);
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                await world.Harness.PublishAsync("bh/in/mode_restart", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await world.OutputsAsync("bh/out/mode_restart", i); // each run started before the next trigger
            }

            var outputs = await world.OutputsAsync("bh/out/mode_restart", 4);
            Assert.Equal(["start 1", "start 2", "start 3", "end 3"], outputs.Select(o => o.Payload));
            await Jarvis.Automation.Tests.DevicesApi.DeviceHarness.EventuallyAsync(async () =>
                (await world.RunsAsync(id)).Count(r => r["status"]!.ToString() == "cancelled") == 2, "the two earlier runs are cancelled");
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Queued_runs_one_at_a_time_in_order()
    {
        var id = await world.CreateAsync("""
            mode: queued
            triggers: [{ trigger: mqtt, topic: bh/in/mode_queued }]
            actions:
              - action: mqtt.publish
                data: { topic: bh/out/mode_queued, payload: "start {{ trigger.payload }}" }
              - delay: { milliseconds: 300 }
              - action: mqtt.publish
                data: { topic: bh/out/mode_queued, payload: "end {{ trigger.payload }}" }
            """);
        try
        {
            for (var i = 1; i <= 5; i++)
            {
                await world.Harness.PublishAsync("bh/in/mode_queued", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var outputs = await world.OutputsAsync("bh/out/mode_queued", 10);
            Assert.Equal(Enumerable.Range(1, 5).SelectMany(i => new[] { $"start {i}", $"end {i}" }), outputs.Select(o => o.Payload));
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }

    [Fact]
    public async Task Parallel_runs_at_most_max_at_once()
    {
        var id = await world.CreateAsync("""
            mode: parallel
            max: 2
            triggers: [{ trigger: mqtt, topic: bh/in/never }]
            actions:
              - delay: 6
              - action: mqtt.publish
                data: { topic: bh/out/mode_parallel, payload: done }
            """);
        try
        {
            var runs = new List<string?>();
            for (var i = 0; i < 4; i++)
            {
                runs.Add(await world.RunAsync(id));
            }

            Assert.Equal(2, runs.Count(r => r is not null));
            Assert.Null(runs[2]);
            Assert.Null(runs[3]);
            foreach (var run in runs.Where(r => r is not null))
            {
                await world.EndedAsync(id, run!);
            }

            Assert.Equal(2, (await world.OutputsAsync("bh/out/mode_parallel", 2)).Count);
        }
        finally
        {
            await world.DeleteAsync(id);
        }
    }
}
