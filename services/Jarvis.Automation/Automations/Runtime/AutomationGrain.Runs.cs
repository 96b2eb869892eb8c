using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Automations.Storage;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Automations.Runtime;

public sealed partial class AutomationGrain
{
    /// <summary>Starts, queues or refuses a run as the mode says; the run id, or null when refused.</summary>
    private async Task<Guid?> TriggerAsync(JsonObject trigger, bool skipConditions, bool catchUp)
    {
        var automation = _automation!;
        var definition = automation.Definition;
        var triggeredAt = services.Time.GetUtcNow();
        var running = _running.Count + _starting;
        var active = running + _queue.Count;
        switch (definition.Mode)
        {
            case AutomationMode.Single when running > 0:
            case AutomationMode.Parallel when running >= definition.Max:
            case AutomationMode.Queued when active >= definition.Max:
                MaxExceeded(definition, trigger);
                return null;
            case AutomationMode.Restart:
                foreach (var run in _running.Values.ToList())
                {
                    await run.Cancel.CancelAsync();
                }

                break;
        }

        var variables = (JsonObject)definition.Variables.DeepClone();
        variables["this"] = new JsonObject { ["id"] = automation.Id.ToString(), ["alias"] = definition.Alias, ["version"] = automation.Version };
        var queued = new QueuedRun(Guid.CreateVersion7(), trigger, variables, skipConditions, triggeredAt, null);
        var waits = definition.Mode == AutomationMode.Queued && running > 0;
        if (waits)
        {
            _queue.Enqueue(queued);
        }
        else
        {
            _starting++; // counted before the first await, so that a trigger interleaving here sees it
        }

        try
        {
            await services.Runs.StartAsync(queued.Id, automation.Id, automation.Version, waits ? "queued" : "running", trigger, variables, catchUp, CancellationToken.None);
        }
        finally
        {
            if (!waits)
            {
                _starting--;
            }
        }

        if (!waits)
        {
            Launch(queued, resume: false);
        }

        return queued.Id;
    }

    private void Launch(QueuedRun queued, bool resume)
    {
        var automation = _automation!;
        var scope = new RunScope(automation.Definition, queued.Trigger, queued.Variables, services.Functions, services.States, services.Time);
        var executor = new RunExecutor(services, this, automation, queued.Id, scope, queued.TriggeredAt, queued.SkipConditions, resume ? queued.Checkpoint : null);
        var run = new ActiveRun(executor, new CancellationTokenSource());
        _running[queued.Id] = run;
        run.Completion = RunAsync(run);
    }

    private async Task RunAsync(ActiveRun run)
    {
        try
        {
            await run.Executor.ExecuteAsync(run.Cancel.Token);
        }
        finally
        {
            _running.Remove(run.Executor.RunId);
            run.Cancel.Dispose();
            if (!run.Executor.Abandoned)
            {
                await PumpAsync();
            }
        }
    }

    /// <summary>Mode queued: the next waiting run starts when none is running.</summary>
    private async Task PumpAsync()
    {
        if (_running.Count > 0 || !_queue.TryDequeue(out var next))
        {
            return;
        }

        await services.Runs.MarkRunningAsync(next.Id, CancellationToken.None);
        Launch(next, resume: next.Checkpoint is not null);
    }

    private void MaxExceeded(AutomationDefinition definition, JsonObject trigger)
    {
        if (definition.MaxExceeded != "silent")
        {
            LogMaxExceeded(logger, definition.Alias, Id, definition.Mode, trigger["description"]?.ToString());
        }
    }

    private void ArmFor(TriggerWait wait)
    {
        var key = (wait.TriggerIndex, wait.EntityId);
        if (_forWaits.Remove(key, out var previous))
        {
            previous.Cancel.Cancel();
        }

        var cancel = new CancellationTokenSource();
        _forWaits[key] = (cancel, wait);
        _ = FireForAsync(wait, cancel);
    }

    private async Task FireForAsync(TriggerWait wait, CancellationTokenSource cancel)
    {
        try
        {
            var remaining = wait.DueAt - services.Time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, services.Time, cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var key = (wait.TriggerIndex, wait.EntityId);
        if (!_forWaits.TryGetValue(key, out var current) || current.Cancel != cancel)
        {
            return;
        }

        _forWaits.Remove(key);
        await services.Runs.DeleteWaitAsync(Id, wait.TriggerIndex, wait.EntityId, CancellationToken.None);
        var trigger = _automation?.Definition.Triggers.FirstOrDefault(t => t.Index == wait.TriggerIndex);
        // After a restart the state may have turned back while the service was down: check it again.
        if (trigger is not null && TriggerMatcher.StillHolds(trigger, JsonElements.Text(wait.Trigger["to_state"]?["state"]), services.States.Find(wait.EntityId)))
        {
            await TriggerAsync(wait.Trigger, skipConditions: false, catchUp: false);
        }
    }

    public async Task<JsonObject?> WaitForTriggerAsync(Guid runId, IReadOnlyList<TriggerDefinition> triggers, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var waiter = new TriggerWaiter(runId, triggers, new TaskCompletionSource<JsonObject?>());
        _waiters.Add(waiter);
        try
        {
            if (until is not { } deadline)
            {
                return await waiter.Fired.Task.WaitAsync(cancellationToken);
            }

            var remaining = deadline - services.Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            return await waiter.Fired.Task.WaitAsync(remaining, services.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiters.Remove(waiter);
        }
    }

    private static bool MqttFires(LoadedAutomation automation, MqttTrigger trigger, string topic, string payload)
    {
        if (!MqttTopics.Matches(trigger.Topic, topic))
        {
            return false;
        }

        if (trigger.Payload is null)
        {
            return true;
        }

        var value = payload;
        if (trigger.ValueTemplate is { } source && automation.Definition.Templates.TryGetValue(source, out var template))
        {
            var rendered = template.Render(Devices.Templates.TemplateContext.ForPayload(payload));
            if (!rendered.Succeeded)
            {
                return false;
            }

            value = rendered.Output!;
        }

        return value == trigger.Payload;
    }

    private static EntitySnapshot? Snapshot(string? json)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject node)
        {
            return null;
        }

        return new EntitySnapshot(node["entity_id"]!.GetValue<string>(), JsonElements.Text(node["state"]), node["attributes"] as JsonObject ?? [],
            DateTimeOffset.Parse(node["last_changed"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Automation {Alias} ({Id}) is at its mode's limit ({Mode}); the trigger {Trigger} is dropped")]
    private static partial void LogMaxExceeded(ILogger logger, string alias, Guid id, AutomationMode mode, string? trigger);
}
