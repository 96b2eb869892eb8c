using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Automations.Storage;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Once the silo runs: loads the states and automations, wakes the automations with unfinished runs or pending
/// waits (they resume), fires <c>homeassistant: start</c> triggers, runs time triggers missed while down (by less than
/// <see cref="AutomationOptions.CatchUp"/>, once, marked catch-up), then ticks every second for time triggers,
/// storing each tick so that the next start knows what it missed.
/// </summary>
public sealed partial class AutomationStartup(
    EntityStateCache states,
    AutomationCatalog catalog,
    RunStore runs,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IOptions<AutomationOptions> options,
    ILogger<AutomationStartup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when states and automations are loaded and events may flow.</summary>
    public Task Ready => _ready.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        while (true)
        {
            try
            {
                await states.LoadAsync(stoppingToken);
                await catalog.LoadAsync(stoppingToken);
                break;
            }
            catch (Npgsql.NpgsqlException ex)
            {
                LogLoadFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }

        _ready.TrySetResult();
        foreach (var id in await runs.AutomationsToResumeAsync(stoppingToken))
        {
            await grains.GetGrain<IAutomationGrain>(id).Wake();
        }

        foreach (var automation in catalog.Enabled.Where(a => a.Definition.Triggers.Any(t => t is HomeAssistantTrigger { Enabled: true })))
        {
            await grains.GetGrain<IAutomationGrain>(automation.Id).OnStarted();
        }

        await TickAsync(stoppingToken);
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        var now = Second(time.GetLocalNow());
        var last = await runs.LastTickAsync(stoppingToken);
        if (last is { } lastTick)
        {
            CatchUp(time.GetLocalNow().Offset, lastTick, now);
        }

        await runs.TickAsync(now, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = now.AddSeconds(1);
            var wait = next - time.GetLocalNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            // A timer may wake a little before the wall clock's next second (they are different clocks): wait again
            // rather than count that second as visited. A late wake (a busy machine) still visits every second in
            // between, once.
            var current = Second(time.GetLocalNow());
            if (current < next)
            {
                continue;
            }

            for (var second = next; second <= current; second = second.AddSeconds(1))
            {
                Fire(second, catchUp: false);
            }

            now = current;
            try
            {
                await runs.TickAsync(now, stoppingToken);
            }
            catch (Npgsql.NpgsqlException ex)
            {
                LogLoadFailed(logger, ex);
            }
        }
    }

    private void CatchUp(TimeSpan offset, DateTimeOffset lastTick, DateTimeOffset now)
    {
        var from = lastTick.ToOffset(offset).AddSeconds(1);
        var horizon = now - options.Value.CatchUp;
        foreach (var automation in catalog.Enabled)
        {
            foreach (var trigger in automation.Definition.Triggers.Where(t => t.Enabled && t is TimeTrigger or TimePatternTrigger))
            {
                // The latest occurrence missed, if it is recent enough: run once for it.
                for (var second = now; second >= from && second > horizon; second = second.AddSeconds(-1))
                {
                    if (Matches(trigger, second))
                    {
                        _ = grains.GetGrain<IAutomationGrain>(automation.Id).OnTime(trigger.Index, second, catchUp: true);
                        break;
                    }
                }
            }
        }
    }

    private void Fire(DateTimeOffset second, bool catchUp)
    {
        foreach (var automation in catalog.Enabled)
        {
            foreach (var trigger in automation.Definition.Triggers)
            {
                if (trigger.Enabled && Matches(trigger, second))
                {
                    _ = grains.GetGrain<IAutomationGrain>(automation.Id).OnTime(trigger.Index, second, catchUp);
                }
            }
        }
    }

    private static bool Matches(TriggerDefinition trigger, DateTimeOffset second) => trigger switch
    {
        TimeTrigger at => at.At.Contains(new TimeOnly(second.Hour, second.Minute, second.Second)),
        TimePatternTrigger pattern => pattern.Hours.Matches(second.Hour) && pattern.Minutes.Matches(second.Minute) && pattern.Seconds.Matches(second.Second),
        _ => false,
    };

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automations: the database did not answer; trying again")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);
}
