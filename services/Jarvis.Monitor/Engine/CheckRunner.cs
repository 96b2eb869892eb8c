using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Checks;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;

namespace Jarvis.Monitor.Engine;

/// <summary>
/// One check's loop on this replica: attempt, judge (thresholds, flapping, maintenance, pause), show, record, and,
/// on the leader, keep its incidents and alerts in step. A changed definition gets a new runner.
/// </summary>
public sealed partial class CheckRunner : IAsyncDisposable
{
    private readonly CheckDefinition _check;
    private readonly ProbeRunner _probes;
    private readonly StatusBoard _board;
    private readonly ResultLog _results;
    private readonly AlertKeeper _alerts;
    private readonly Leadership _leadership;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CheckState _state;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private long _reconciledEpoch;

    public CheckRunner(CheckDefinition check, string fingerprint, ProbeRunner probes, StatusBoard board, ResultLog results, AlertKeeper alerts,
        Leadership leadership, FlappingOptions flapping, DateTimeOffset graceUntil, TimeProvider time, ILogger logger)
    {
        _check = check;
        Fingerprint = fingerprint;
        _probes = probes;
        _board = board;
        _results = results;
        _alerts = alerts;
        _leadership = leadership;
        _time = time;
        _logger = logger;
        _state = new CheckState(check, time.GetUtcNow(), flapping, graceUntil);
    }

    public CheckDefinition Check => _check;

    /// <summary>The definition as stored: a runner is replaced when this differs.</summary>
    public string Fingerprint { get; }

    public void Start()
    {
        _board.Update(_state.Snapshot());
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            try
            {
                await AttemptAsync(started, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogLoopFailed(_logger, ex, _check.Id);
            }

            var next = started + (_state.Retrying ? _check.RetryInterval : _check.Interval);
            var wait = next - _time.GetUtcNow();
            if (_check.Paused)
            {
                wait = Timeout.InfiniteTimeSpan; // a resumed check is a changed definition: a new runner
            }
            else if (_check.Maintenance.FirstOrDefault(w => w.Start > started && w.Start < next) is { } window)
            {
                wait = window.Start - _time.GetUtcNow(); // start maintenance on time
            }

            if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task AttemptAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        CheckTransition? transition;
        if (_check.Paused)
        {
            transition = _state.Hold(CheckStatus.Paused, started);
        }
        else if (_check.InMaintenance(started))
        {
            transition = _state.Hold(CheckStatus.Maintenance, started);
            _results.Record(new ResultRow(_check.Id, started, true, CheckStatus.Maintenance, null, "maintenance"));
        }
        else
        {
            var resumed = _state.Resume(started);
            var result = await _probes.RunAsync(_check, cancellationToken);
            var at = _time.GetUtcNow();
            transition = _state.Apply(result, at) ?? resumed;
            _results.Record(new ResultRow(_check.Id, at, result.Ok, result.Ok ? CheckStatus.Up : CheckStatus.Down, result.LatencyMs, result.Message));
        }

        var snapshot = _state.Snapshot();
        _board.Update(snapshot);
        if (transition is { ShownChanged: true })
        {
            _board.Publish(new StatusChange(_check.Id, _check.Name, transition.ShownBefore, transition.Shown, snapshot.Since, snapshot.Message, _state.Flapping));
        }

        var epoch = _leadership.Epoch;
        var verdictChanged = transition is not null
            && (transition.Confirmed != transition.ConfirmedBefore || transition.FlappingStarted || transition.FlappingEnded);
        if (epoch > 0 && (verdictChanged || epoch != _reconciledEpoch))
        {
            _reconciledEpoch = await _alerts.ReconcileAsync(_check, _state.Confirmed, _state.Flapping,
                transition?.FlappingStarted == true, transition?.FlappingEnded == true, _state.LastError, cancellationToken) ? epoch : 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The loop of check {Check} failed; it carries on.")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex, string check);
}
