namespace Jarvis.Monitor.Model;

/// <summary>
/// One check as stored and as the API shows it. Which target fields apply depends on <see cref="Kind"/>:
/// http uses <see cref="Url"/> and the expectations; tcp and tls <see cref="Host"/> and <see cref="Port"/>;
/// dns <see cref="Host"/> (and <see cref="ExpectedAddress"/>); mqtt <see cref="Topic"/> and <see cref="MaxSilenceSeconds"/>.
/// </summary>
public sealed record CheckDefinition
{
    public const int DefaultFailureThreshold = 2;

    /// <summary>The check's name, a slug: also the last segment of its MQTT alert topic <c>jarvis/alerts/&lt;id&gt;</c>.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required CheckKind Kind { get; init; }

    public bool BuiltIn { get; init; }

    public bool Paused { get; init; }

    public int IntervalSeconds { get; init; } = 60;

    public int TimeoutMs { get; init; } = 10_000;

    public int FailureThreshold { get; init; } = DefaultFailureThreshold;

    public int SuccessThreshold { get; init; } = 1;

    public IReadOnlyList<MaintenanceWindow> Maintenance { get; init; } = [];

    public string? Url { get; init; }

    public string? Method { get; init; }

    public int? ExpectedStatus { get; init; }

    public string? BodyContains { get; init; }

    /// <summary>A dotted path into a JSON body (<c>$.status</c>, <c>$.items[0].state</c>) whose value must equal <see cref="JsonEquals"/>.</summary>
    public string? JsonPath { get; init; }

    public string? JsonEquals { get; init; }

    public int? MaxResponseMs { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? ExpectedAddress { get; init; }

    public int? CertificateMinDays { get; init; }

    public string? Topic { get; init; }

    public int? MaxSilenceSeconds { get; init; }

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMs);

    /// <summary>While failing below its threshold the check is asked again sooner, as Uptime Kuma's retry interval: half its interval, at least 0.5 s.</summary>
    public TimeSpan RetryInterval => TimeSpan.FromMilliseconds(Math.Max(500, IntervalSeconds * 500));

    /// <summary>Where it points, for people and for the <c>monitor_url</c> label.</summary>
    public string? Target => Kind switch
    {
        CheckKind.Http or CheckKind.Service or CheckKind.Prometheus => Url,
        CheckKind.MqttFreshness => Topic,
        _ when Host is not null => Port is null ? Host : $"{Host}:{Port}",
        _ => Url,
    };

    public bool InMaintenance(DateTimeOffset at) => Maintenance.Any(w => w.Covers(at));
}
