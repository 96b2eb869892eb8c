namespace Jarvis.Monitor.Engine;

/// <summary>Configuration section <c>Monitor</c>, validated at start (<see cref="MonitorOptionsValidator"/>).</summary>
public sealed record MonitorOptions
{
    public const string SectionName = "Monitor";

    /// <summary>How many replicas the AppHost started (informational: one leads whatever the count).</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>How long the leader's lease lasts unless renewed; a killed leader is replaced within this plus <see cref="LeaseRenewal"/>.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan LeaseRenewal { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a replica rereads the checks table, to see what another replica's API changed.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the leader folds results into hourly rollups and prunes history.</summary>
    public TimeSpan RollupInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// After the monitor starts, a check that has not yet been up stays pending instead of going down for this long,
    /// so that parts still starting beside it (Jarvis's own services) raise no alert; a check seen up is judged at once.
    /// </summary>
    public TimeSpan StartupGrace { get; init; } = TimeSpan.FromSeconds(60);

    public int RawRetentionDays { get; init; } = 7;

    public int HourlyRetentionDays { get; init; } = 365;

    public BuiltInCheckOptions BuiltIn { get; init; } = new();

    public FlappingOptions Flapping { get; init; } = new();

    public DeliveryOptions Delivery { get; init; } = new();
}

/// <summary>The built-in checks' timing: 1 s interval, failure threshold 2; <see cref="Exclude"/> lists ids not to check.</summary>
public sealed record BuiltInCheckOptions
{
    public int IntervalSeconds { get; init; } = 1;

    public int TimeoutMs { get; init; } = 900;

    public int FailureThreshold { get; init; } = 2;

    public IReadOnlyList<string> Exclude { get; init; } = [];
}

/// <summary><see cref="Changes"/> changes between up and down within <see cref="Window"/> make a check flapping.</summary>
public sealed record FlappingOptions
{
    public int Changes { get; init; } = 4;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>Retries of a failed delivery: <see cref="FirstRetry"/>, doubling, at most <see cref="MaxAttempts"/> attempts.</summary>
public sealed record DeliveryOptions
{
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}
