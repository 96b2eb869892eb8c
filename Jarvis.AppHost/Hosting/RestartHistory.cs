namespace Jarvis.AppHost.Hosting;

/// <summary>One instance's crashes: when it last started, how many quick crashes in a row, whether a restart is under way.</summary>
public sealed class RestartHistory
{
    private readonly Lock _lock = new();
    private DateTime _startedAt = DateTime.MinValue;
    private DateTime _lastStop = DateTime.MinValue;
    private int _quickCrashes;
    private bool _restarting;

    public int Restarts { get; private set; }

    public void Started(DateTime at)
    {
        lock (_lock)
        {
            _startedAt = at;
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
