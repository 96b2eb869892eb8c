namespace Jarvis.Monitor.Model;

/// <summary>Create or replace a check; unset numbers take their defaults (see docs/monitor.md).</summary>
public sealed record CheckRequest
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Kind { get; init; }
    public bool? Paused { get; init; }
    public int? IntervalSeconds { get; init; }
    public int? TimeoutMs { get; init; }
    public int? FailureThreshold { get; init; }
    public int? SuccessThreshold { get; init; }
    public IReadOnlyList<MaintenanceWindow>? Maintenance { get; init; }
    public string? Url { get; init; }
    public string? Method { get; init; }
    public int? ExpectedStatus { get; init; }
    public string? BodyContains { get; init; }
    public string? JsonPath { get; init; }
    public string? JsonEquals { get; init; }
    public int? MaxResponseMs { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? ExpectedAddress { get; init; }
    public int? CertificateMinDays { get; init; }
    public string? Topic { get; init; }
    public int? MaxSilenceSeconds { get; init; }
}
