namespace Jarvis.Monitor.Model;

/// <summary>
/// One point of history: a raw attempt (<see cref="Total"/> 1) or an hour's rollup. <see cref="Up"/> counts passing
/// attempts, <see cref="Maintenance"/> those in a maintenance window.
/// </summary>
public sealed record HistoryPoint(DateTimeOffset At, int Total, int Up, int Maintenance, double? LatencyMs, double? MaxLatencyMs, string? Message);
