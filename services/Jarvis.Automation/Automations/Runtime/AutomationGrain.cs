using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Automations.Storage;
using Orleans.Concurrency;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// One automation. Reentrant: calls interleave at awaits but never run at once, so runs, waits and new triggers share
/// its state without locks. Always active (a few hundred automations), so its in-memory timers keep time; what they
/// time is stored too (<c>automation_runs.checkpoint</c>, <c>automation_trigger_waits</c>) and re-armed at activation.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class AutomationGrain(AutomationCatalog catalog, RunServices services, ILogger<AutomationGrain> logger) : Grain, IAutomationGrain, IRunHost
{
    private readonly Dictionary<Guid, ActiveRun> _running = [];
    private readonly Queue<QueuedRun> _queue = new();
    private readonly Dictionary<(int Trigger, string Entity), (CancellationTokenSource Cancel, TriggerWait Wait)> _forWaits = [];
    private int _starting;
    private readonly List<TriggerWaiter> _waiters = [];
    private LoadedAutomation? _automation;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _automation = catalog.Find(Id);
        var live = await services.Runs.LiveRunsAsync(Id, cancellationToken);
        if (_automation is not { Enabled: true })
        {
            foreach (var run in live)
            {
                await services.Runs.FinishAsync(run.Id, Id, "cancelled", "the automation is disabled", run.Variables, [], services.Options.TracesKept, cancellationToken);
            }

            await services.Runs.DeleteWaitsAsync(Id, cancellationToken);
            return;
        }

        foreach (var wait in await services.Runs.WaitsAsync(Id, cancellationToken))
        {
            ArmFor(wait);
        }

        foreach (var run in live)
        {
            if (run.Version != _automation.Version)
            {
                await services.Runs.FinishAsync(run.Id, Id, "cancelled", "the automation was edited", run.Variables, [], services.Options.TracesKept, cancellationToken);
                continue;
            }

            var queued = new QueuedRun(run.Id, run.Trigger, run.Variables, false, run.StartedAt, run.Checkpoint);
            if (run.Status == "running")
            {
                Launch(queued, resume: true);
            }
            else
            {
                _queue.Enqueue(queued);
            }
        }

        await PumpAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The service is stopping: runs and waits stay stored as they are and resume at the next start.
        foreach (var run in _running.Values)
        {
            run.Executor.Abandoned = true;
            run.Cancel.Cancel();
        }

        foreach (var (cancel, _) in _forWaits.Values)
        {
            cancel.Cancel();
        }

        return Task.CompletedTask;
    }

    public Task Wake() => Task.CompletedTask;

    public async Task Reload()
    {
        foreach (var run in _running.Values.ToList())
        {
            run.Cancel.Cancel();
        }

        foreach (var (cancel, _) in _forWaits.Values)
        {
            cancel.Cancel();
        }

        _forWaits.Clear();
        while (_queue.TryDequeue(out var queued))
        {
            await services.Runs.FinishAsync(queued.Id, Id, "cancelled", "the automation was edited, disabled or deleted", queued.Variables, [], services.Options.TracesKept, CancellationToken.None);
        }

        await services.Runs.DeleteWaitsAsync(Id, CancellationToken.None);
        _automation = catalog.Find(Id);
    }

    public async Task OnStateChanged(StateChangeNotice change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_automation is not { Enabled: true } automation)
        {
            return;
        }

        var old = Snapshot(change.Old);
        var current = Snapshot(change.New)!;
        foreach (var waiter in _waiters.ToList())
        {
            if (waiter.Triggers.FirstOrDefault(t => t.Enabled && TriggerMatcher.Fires(t, old, current)) is { } fired)
            {
                waiter.Fired.TrySetResult(TriggerMatcher.StateVariables(fired, old, current));
            }
        }

        foreach (var trigger in automation.Definition.Triggers)
        {
            if (!trigger.Enabled || trigger is not (StateTrigger or NumericStateTrigger))
            {
                continue;
            }

            var key = (trigger.Index, current.EntityId);
            if (_forWaits.TryGetValue(key, out var pending))
            {
                if (TriggerMatcher.StillHolds(trigger, JsonElements.Text(pending.Wait.Trigger["to_state"]?["state"]), current))
                {
                    continue; // still holding: keep waiting
                }

                // The state turned back before its 'for' ran out: the trigger does not fire.
                _forWaits.Remove(key);
                await pending.Cancel.CancelAsync();
                await services.Runs.DeleteWaitAsync(Id, trigger.Index, current.EntityId, CancellationToken.None);
            }

            if (!TriggerMatcher.Fires(trigger, old, current))
            {
                continue;
            }

            var variables = TriggerMatcher.StateVariables(trigger, old, current);
            var duration = (trigger as StateTrigger)?.For ?? (trigger as NumericStateTrigger)?.For;
            if (duration is { } hold && hold > TimeSpan.Zero)
            {
                var wait = new TriggerWait(trigger.Index, current.EntityId, services.Time.GetUtcNow() + hold, variables);
                await services.Runs.SaveWaitAsync(Id, wait, CancellationToken.None);
                ArmFor(wait);
                continue;
            }

            await TriggerAsync(variables, skipConditions: false, catchUp: false);
        }
    }

    public async Task OnMqttMessage(string topic, string payload)
    {
        if (_automation is not { Enabled: true } automation)
        {
            return;
        }

        foreach (var waiter in _waiters.ToList())
        {
            if (waiter.Triggers.OfType<MqttTrigger>().FirstOrDefault(t => t.Enabled && MqttFires(automation, t, topic, payload)) is { } fired)
            {
                waiter.Fired.TrySetResult(TriggerMatcher.MqttVariables(fired, topic, payload));
            }
        }

        foreach (var trigger in automation.Definition.Triggers.OfType<MqttTrigger>().Where(t => t.Enabled))
        {
            if (MqttFires(automation, trigger, topic, payload))
            {
                await TriggerAsync(TriggerMatcher.MqttVariables(trigger, topic, payload), skipConditions: false, catchUp: false);
            }
        }
    }

    public async Task OnTime(int triggerIndex, DateTimeOffset scheduled, bool catchUp)
    {
        if (_automation is not { Enabled: true } automation || automation.Definition.Triggers.FirstOrDefault(t => t.Index == triggerIndex) is not { } trigger)
        {
            return;
        }

        var variables = TriggerMatcher.Common(trigger);
        variables["now"] = scheduled.ToString("O");
        variables["description"] = catchUp ? $"time {scheduled:O}, missed while the service was down (catch-up)" : $"time {scheduled:O}";
        variables["catch_up"] = catchUp;
        await TriggerAsync(variables, skipConditions: false, catchUp);
    }

    public async Task OnStarted()
    {
        if (_automation is { Enabled: true } automation && automation.Definition.Triggers.OfType<HomeAssistantTrigger>().FirstOrDefault(t => t.Enabled) is { } trigger)
        {
            var variables = TriggerMatcher.Common(trigger);
            variables["event"] = "start";
            variables["description"] = "Jarvis started";
            await TriggerAsync(variables, skipConditions: false, catchUp: false);
        }
    }

    public async Task<Guid?> Run(bool skipConditions)
    {
        if (_automation is null)
        {
            return null;
        }

        var variables = new JsonObject { ["platform"] = null, ["id"] = "manual", ["idx"] = "manual", ["description"] = "run from the API" };
        return await TriggerAsync(variables, skipConditions, catchUp: false);
    }
}
