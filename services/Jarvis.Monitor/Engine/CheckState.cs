using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Engine;

/// <summary>
/// One check's thresholds and flapping on this replica, fed one result at a time by its runner (never concurrently).
/// A check is confirmed up or down only after its success or failure threshold in a row; between, it shows pending.
/// </summary>
public sealed class CheckState(CheckDefinition check, DateTimeOffset now, FlappingOptions flapping, DateTimeOffset? graceUntil = null)
{
    private readonly Queue<DateTimeOffset> _changes = new();
    private int _failures;
    private int _successes;
    private ProbeResult? _last;
    private DateTimeOffset? _lastCheckedAt;

    /// <summary>Up, Down, or Pending before the first verdict.</summary>
    public CheckStatus Confirmed { get; private set; } = CheckStatus.Pending;

    public bool Flapping { get; private set; }

    public CheckStatus Shown { get; private set; } = CheckStatus.Pending;

    public DateTimeOffset Since { get; private set; } = now;

    public string? LastError { get; private set; }

    /// <summary>Failing, but not yet down: asked again at the retry interval.</summary>
    public bool Retrying => _failures > 0 && Confirmed != CheckStatus.Down;

    /// <summary>Takes an attempt's result; returns what changed, if anything.</summary>
    public CheckTransition? Apply(ProbeResult result, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        _last = result;
        _lastCheckedAt = at;
        var confirmedBefore = Confirmed;
        if (result.Ok)
        {
            _successes++;
            _failures = 0;
            if (Confirmed != CheckStatus.Up && (Confirmed == CheckStatus.Pending || _successes >= check.SuccessThreshold))
            {
                Confirmed = CheckStatus.Up;
            }
        }
        else
        {
            LastError = result.Message;
            _failures++;
            _successes = 0;
            var inGrace = Confirmed == CheckStatus.Pending && at < graceUntil;
            if (Confirmed != CheckStatus.Down && _failures >= check.FailureThreshold && !inGrace)
            {
                Confirmed = CheckStatus.Down;
            }
        }

        var shown = Confirmed == CheckStatus.Up && _failures > 0 ? CheckStatus.Pending : Confirmed;
        var flappingStarted = false;
        var flappingEnded = false;
        if (Confirmed != confirmedBefore && confirmedBefore != CheckStatus.Pending)
        {
            _changes.Enqueue(at);
        }

        while (_changes.Count > 0 && at - _changes.Peek() > flapping.Window)
        {
            _changes.Dequeue();
        }

        if (!Flapping && _changes.Count >= flapping.Changes)
        {
            Flapping = flappingStarted = true;
        }
        else if (Flapping && _changes.Count == 0)
        {
            Flapping = false;
            flappingEnded = true;
        }

        return Show(shown, at, confirmedBefore, flappingStarted, flappingEnded);
    }

    /// <summary>Paused or in maintenance: shown so, with no attempt made.</summary>
    public CheckTransition? Hold(CheckStatus status, DateTimeOffset at)
    {
        _failures = 0;
        _successes = 0;
        return Show(status, at, Confirmed, false, false);
    }

    /// <summary>Leaving maintenance or a pause: pending until the next attempt says.</summary>
    public CheckTransition? Resume(DateTimeOffset at) =>
        Shown is CheckStatus.Maintenance or CheckStatus.Paused ? Show(Confirmed, at, Confirmed, false, false) : null;

    public CheckSnapshot Snapshot() => new(
        check.Id, check.Name, check.Kind, check.Target, Shown, Since, _lastCheckedAt, _last?.LatencyMs,
        Shown == CheckStatus.Down ? LastError : _last?.Message, Flapping, _last?.CertificateDays, _last?.CertificateValid);

    private CheckTransition? Show(CheckStatus shown, DateTimeOffset at, CheckStatus confirmedBefore, bool flappingStarted, bool flappingEnded)
    {
        var before = Shown;
        if (shown != before)
        {
            Shown = shown;
            Since = at;
        }

        return shown == before && Confirmed == confirmedBefore && !flappingStarted && !flappingEnded
            ? null
            : new CheckTransition(before, shown, confirmedBefore, Confirmed, flappingStarted, flappingEnded);
    }
}
