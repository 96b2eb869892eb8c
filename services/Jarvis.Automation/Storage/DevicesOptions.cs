namespace Jarvis.Automation.Storage;

/// <summary>Configuration section <c>Automation:Devices</c>, validated at start (<see cref="DevicesOptionsValidator"/>).</summary>
public sealed record DevicesOptions
{
    public const string SectionName = "Automation:Devices";

    /// <summary>How long state history is kept.</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often history (and command records) older than the retention are pruned.</summary>
    public TimeSpan PruneInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many rows one prune statement deletes, so that no statement holds locks for long.</summary>
    public int PruneBatchSize { get; init; } = 5000;

    /// <summary>The largest state or availability payload read; a larger one is refused and the refusal shown on the entity.</summary>
    public int MaxStatePayloadBytes { get; init; } = 64 * 1024;

    /// <summary>How often an idle event stream sends a comment, so that proxies (the gateway's 15 s activity timeout) keep it open.</summary>
    public TimeSpan EventHeartbeat { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the event feed reads the history table even without a notification (a lost LISTEN connection).</summary>
    public TimeSpan EventPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a gap in history ids is waited for (another replica's transaction still committing) before it is skipped.</summary>
    public TimeSpan EventGapGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>POST …/commands</c> waits for the broker to take the command before it answers <c>queued</c>.</summary>
    public TimeSpan CommandSendWait { get; init; } = TimeSpan.FromSeconds(1);
}
