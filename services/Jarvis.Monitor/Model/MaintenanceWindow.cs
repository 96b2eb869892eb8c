namespace Jarvis.Monitor.Model;

/// <summary>From <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) the check is silenced and shown as maintenance.</summary>
public sealed record MaintenanceWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Covers(DateTimeOffset at) => at >= Start && at < End;
}
