namespace Jarvis.AppHost.Hosting;

/// <summary>One instance's crashes: when it last started, how many quick crashes in a row, whether a restart is under way.</summary>
public sealed class RestartHistory
{
    private readonly Lock _lock = new();
    private DateTime _startedAt = DateTime.MinValue;
    private DateTime _lastStop = DateTime.MinValue;
    private int _quickCrashes;
    private bool _restarting;
    private bool _stopAsked;
    private DateTime? _stopRequestedAt;

    public int Restarts { get; private set; }

    /// <summary>
    /// Follows the instance's states; true while the end under way was asked for. The orchestrator
    /// reports a stop it was asked for as Stopping first, then Finished; a crash goes straight to Finished.
    /// </summary>
    public bool Observe(string? state)
    {
        lock (_lock)
        {
            if (state == "Stopping")
            {
                _stopAsked = true;
            }
            else if (state is "Starting" or "Waiting" or "Running")
            {
                _stopAsked = false;
            }

            return _stopAsked || _stopRequestedAt is not null;
        }
    }

    /// <summary>
    /// A stop is on its way that the orchestrator will not announce as Stopping (the AppHost's own SIGTERM
    /// before Aspire's Stop); it counts as asked for until an instance starts after it.
    /// </summary>
    public void StopRequested(DateTime at)
    {
        lock (_lock)
        {
            _stopRequestedAt = at;
        }
    }

    public void Started(DateTime at)
    {
        lock (_lock)
        {
            _startedAt = at;
            if (_stopRequestedAt is { } requested && at > requested)
            {
                _stopRequestedAt = null;
            }
        }
    }

    /// <summary>True once per crash (the orchestrator repeats a state); <paramref name="delay"/> grows with quick crashes in a row.</summary>
    public bool TryBeginRestart(DateTime stoppedAt, out TimeSpan delay)
    {
        lock (_lock)
        {
            delay = TimeSpan.Zero;
            if (_restarting || stoppedAt == _lastStop)
            {
                return false;
            }

            _restarting = true;
            _lastStop = stoppedAt;
            _quickCrashes = stoppedAt - _startedAt >= Supervisor.StableAfter ? 0 : _quickCrashes + 1;
            var factor = Math.Pow(2, Math.Min(_quickCrashes - 1, 20));
            delay = _quickCrashes <= 1 ? Supervisor.FirstDelay : TimeSpan.FromTicks((long)Math.Min(Supervisor.MaxDelay.Ticks, Supervisor.FirstDelay.Ticks * factor));
            Restarts++;
            return true;
        }
    }

    public void EndRestart()
    {
        lock (_lock)
        {
            _restarting = false;
        }
    }
}
