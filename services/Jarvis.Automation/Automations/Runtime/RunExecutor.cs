using System.Globalization;
using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Model;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Runs one automation run: trigger, conditions, then the actions, step by step, tracing each by path. Before every
/// wait (delay, wait_for_trigger) it stores a checkpoint — the frames down to the waiting step and the wait's end — so
/// that after a restart the run resumes at that step with the time left. A step re-run after a crash repeats no side
/// effect: each action carries the key run id + step path + repeat iterations, and a second send with it is dropped.
/// </summary>
public sealed class RunExecutor(RunServices services, IRunHost host, LoadedAutomation automation, Guid runId, RunScope scope,
    DateTimeOffset triggeredAt, bool skipConditions, JsonObject? checkpoint)
{
    private readonly List<TraceStep> _pending = [];
    private readonly List<RunFrame> _frames = [];
    private readonly List<int> _iterations = [];
    private List<RunFrame>? _resume = checkpoint?["frames"] is JsonArray frames ? [.. frames.Select(RunFrame.FromJson)] : null;
    private int _seq = checkpoint?["seq"]?.GetValue<int>() ?? 0;
    private int _steps;
    private bool _acted;

    public Guid RunId => runId;

    /// <summary>Set before cancelling when the service stops: the run is left running in the database and resumes at the next start.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Runs to the end; returns the status it ended with (also stored, with the trace).</summary>
    public async Task<string> ExecuteAsync(CancellationToken cancellationToken)
    {
        string status;
        string? error = null;
        try
        {
            var flow = await StartAsync(cancellationToken);
            status = flow.Status;
            error = flow.Reason;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            error = "cancelled (mode restart, an edit, disable, delete or the service stopping)";
        }
        catch (RunFailedException ex)
        {
            status = "failed";
            error = ex.Message;
            Trace("error", "error", null, ex.Message);
        }
#pragma warning disable CA1031 // A run's failure is its trace's, never the grain's.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            services.Logger.LogError(ex, "Run {Run} of automation {Automation} failed", runId, automation.Id);
            status = "failed";
            error = ex.Message;
        }

        if (status == "cancelled" && Abandoned)
        {
            // Stopping the service is not a cancellation: the run stays running and resumes at the next start.
            return status;
        }

        await services.Runs.FinishAsync(runId, automation.Id, status, error, scope.Variables, _pending, services.Options.TracesKept, CancellationToken.None);
        services.Metrics.RunEnded(automation.Id, status);
        return status;
    }

    private async Task<RunFlow> StartAsync(CancellationToken cancellationToken)
    {
        if (_resume is null)
        {
            var index = scope.Trigger["idx"]?.GetValue<string>() ?? "manual";
            Trace($"trigger/{index}", "trigger", scope.Trigger.DeepClone(), null);
            if (!skipConditions)
            {
                for (var i = 0; i < automation.Definition.Conditions.Count; i++)
                {
                    var seen = new JsonArray();
                    var started = services.Time.GetUtcNow();
                    var holds = ConditionEvaluator.Holds(automation.Definition.Conditions[i], scope, seen, $"condition/{i}");
                    _pending.Add(new TraceStep(++_seq, $"condition/{i}", string.Empty, automation.Definition.Conditions[i].Kind, started, services.Time.GetUtcNow(),
                        new JsonObject { ["result"] = holds, ["saw"] = seen }, null));
                    if (!holds)
                    {
                        return new RunFlow(true, "skipped", $"condition/{i} did not hold");
                    }
                }
            }
        }

        var flow = await SequenceAsync(automation.Definition.Actions, "action", 0, cancellationToken);
        return flow.Ends ? flow : RunFlow.Next with { Ends = true };
    }

    private async Task<RunFlow> SequenceAsync(IReadOnlyList<ActionDefinition> steps, string prefix, int level, CancellationToken cancellationToken)
    {
        var start = _resume is { } resume && level < resume.Count ? resume[level].Index : 0;
        for (var i = start; i < steps.Count; i++)
        {
            if (_frames.Count > level)
            {
                _frames.RemoveRange(level, _frames.Count - level);
            }

            _frames.Add(new RunFrame { Index = i });
            var flow = await StepAsync(steps[i], $"{prefix}/{i}", level, cancellationToken);
            if (flow.Ends)
            {
                return flow;
            }
        }

        return RunFlow.Next;
    }

    private async Task<RunFlow> StepAsync(ActionDefinition step, string path, int level, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (++_steps > services.Options.MaxSteps)
        {
            throw new RunFailedException($"the run took more than {services.Options.MaxSteps} steps (Automation:Automations:MaxSteps)");
        }

        var resumed = _resume is { } resume && level < resume.Count ? resume[level] : null;
        if (resumed is not null && level == _resume!.Count - 1 && step is not (DelayAction or WaitForTriggerAction))
        {
            _resume = null; // a checkpoint points at a wait; anything else simply runs again
            resumed = null;
        }

        if (!step.Enabled)
        {
            Trace(path, step.Kind, new JsonObject { ["enabled"] = false }, null);
            return RunFlow.Next;
        }

        var frame = _frames[level];
        var started = services.Time.GetUtcNow();
        switch (step)
        {
            case ServiceAction service:
                var result = await services.Actions.PerformAsync(service, scope, path, $"{runId}:{path}#{string.Join('.', _iterations)}", cancellationToken);
                if (!_acted)
                {
                    _acted = true;
                    services.Metrics.FirstAction(services.Time.GetUtcNow() - triggeredAt);
                }

                Trace(path, step.Kind, new JsonObject { ["action"] = service.Service, ["result"] = result }, null, started);
                return RunFlow.Next;
            case DelayAction delay:
                frame.WaitUntil = resumed?.WaitUntil ?? started + delay.Duration;
                _resume = null;
                await CheckpointAsync(cancellationToken);
                var remaining = frame.WaitUntil.Value - services.Time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, services.Time, cancellationToken);
                }

                Trace(path, step.Kind, new JsonObject { ["delay"] = delay.Duration.ToString("c", CultureInfo.InvariantCulture), ["resumed"] = resumed is not null, ["until"] = frame.WaitUntil.Value.ToString("O") }, null, started);
                return RunFlow.Next;
            case WaitForTriggerAction wait:
                frame.WaitUntil = resumed is not null ? resumed.WaitUntil : wait.Timeout is { } timeout ? started + timeout : null;
                _resume = null;
                await CheckpointAsync(cancellationToken);
                var fired = await host.WaitForTriggerAsync(runId, wait.Triggers, frame.WaitUntil, cancellationToken);
                scope.Set("wait", new JsonObject { ["trigger"] = fired, ["completed"] = fired is not null });
                Trace(path, step.Kind, new JsonObject { ["trigger"] = fired?.DeepClone(), ["timed_out"] = fired is null }, null, started);
                return fired is null && !wait.ContinueOnTimeout ? new RunFlow(true, "stopped", $"{path}: wait_for_trigger timed out") : RunFlow.Next;
            case IfAction branch:
                var seenIf = new JsonArray();
                frame.Branch = resumed?.Branch ?? (ConditionEvaluator.All(branch.If, scope, seenIf, $"{path}/if") ? "then" : branch.Else is null ? "none" : "else");
                Trace(path, step.Kind, new JsonObject { ["branch"] = frame.Branch, ["saw"] = seenIf }, null, started);
                return frame.Branch switch
                {
                    "then" => await SequenceAsync(branch.Then, $"{path}/then", level + 1, cancellationToken),
                    "else" => await SequenceAsync(branch.Else!, $"{path}/else", level + 1, cancellationToken),
                    _ => RunFlow.Next,
                };
            case ChooseAction choose:
                var seenChoose = new JsonArray();
                frame.Branch = resumed?.Branch ?? Choose(choose, path, seenChoose);
                Trace(path, step.Kind, new JsonObject { ["choice"] = frame.Branch, ["saw"] = seenChoose }, null, started);
                if (frame.Branch == "default")
                {
                    return await SequenceAsync(choose.Default!, $"{path}/default", level + 1, cancellationToken);
                }

                return frame.Branch.StartsWith("choose/", StringComparison.Ordinal)
                    ? await SequenceAsync(choose.Options[int.Parse(frame.Branch[7..], CultureInfo.InvariantCulture)].Sequence, $"{path}/{frame.Branch}/sequence", level + 1, cancellationToken)
                    : RunFlow.Next;
            case RepeatAction repeat:
                return await RepeatAsync(repeat, path, level, frame, resumed, cancellationToken);
            case StopAction stop:
                Trace(path, step.Kind, new JsonObject { ["stop"] = stop.Reason, ["error"] = stop.Error }, null, started);
                return new RunFlow(true, stop.Error ? "failed" : "stopped", stop.Reason);
            case VariablesAction variables:
                foreach (var (name, value) in variables.Variables)
                {
                    scope.Set(name, scope.RenderValue(value, $"{path}/variables/{name}"));
                }

                Trace(path, step.Kind, variables.Variables.DeepClone(), null, started);
                return RunFlow.Next;
            case ConditionAction condition:
                var seen = new JsonArray();
                var holds = ConditionEvaluator.Holds(condition.Condition, scope, seen, path);
                Trace(path, step.Kind, new JsonObject { ["result"] = holds, ["saw"] = seen }, null, started);
                return holds ? RunFlow.Next : new RunFlow(true, "stopped", $"{path}: the condition did not hold");
            default:
                throw new RunFailedException($"{path}: {step.Kind} cannot run");
        }
    }

    private string Choose(ChooseAction choose, string path, JsonArray seen)
    {
        for (var i = 0; i < choose.Options.Count; i++)
        {
            if (ConditionEvaluator.All(choose.Options[i].Conditions, scope, seen, $"{path}/choose/{i}/conditions"))
            {
                return $"choose/{i}";
            }
        }

        return choose.Default is null ? "none" : "default";
    }

    private async Task<RunFlow> RepeatAsync(RepeatAction repeat, string path, int level, RunFrame frame, RunFrame? resumed, CancellationToken cancellationToken)
    {
        var count = repeat.Count is null ? (int?)null
            : int.TryParse(scope.Render(repeat.Count, $"{path}/repeat/count").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : throw new RunFailedException($"{path}/repeat/count is not a whole number");
        var inside = resumed is not null;
        for (var iteration = resumed?.Iteration ?? 0; ; iteration++)
        {
            if (!inside)
            {
                if (count is { } times && iteration >= times)
                {
                    break;
                }

                var seen = new JsonArray();
                if (repeat.While is { } whileConditions && !ConditionEvaluator.All(whileConditions, scope, seen, $"{path}/repeat/while"))
                {
                    Trace(path, repeat.Kind, new JsonObject { ["iterations"] = iteration, ["saw"] = seen }, null);
                    break;
                }
            }

            if (iteration >= services.Options.MaxRepeat)
            {
                throw new RunFailedException($"{path}: repeat ran {services.Options.MaxRepeat} times without ending (the safety cap, Automation:Automations:MaxRepeat)");
            }

            frame.Iteration = iteration;
            scope.Set("repeat", new JsonObject { ["index"] = iteration + 1, ["first"] = iteration == 0 });
            _iterations.Add(iteration);
            var flow = await SequenceAsync(repeat.Sequence, $"{path}/repeat/sequence", level + 1, cancellationToken);
            _iterations.RemoveAt(_iterations.Count - 1);
            inside = false;
            if (flow.Ends)
            {
                return flow;
            }

            var seenUntil = new JsonArray();
            if (repeat.Until is { } untilConditions && ConditionEvaluator.All(untilConditions, scope, seenUntil, $"{path}/repeat/until"))
            {
                Trace(path, repeat.Kind, new JsonObject { ["iterations"] = iteration + 1, ["saw"] = seenUntil }, null);
                break;
            }
        }

        return RunFlow.Next;
    }

    private async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        var state = new JsonObject { ["frames"] = new JsonArray([.. _frames.Select(f => f.ToJson())]), ["seq"] = _seq };
        var steps = _pending.ToList();
        _pending.Clear();
        await services.Runs.CheckpointAsync(runId, state, scope.Variables, steps, cancellationToken);
    }

    private void Trace(string path, string kind, JsonNode? result, string? error, DateTimeOffset? started = null)
    {
        var now = services.Time.GetUtcNow();
        _pending.Add(new TraceStep(++_seq, path, string.Join('.', _iterations), kind, started ?? now, now, result, error));
    }
}
