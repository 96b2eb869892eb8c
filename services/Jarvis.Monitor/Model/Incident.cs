namespace Jarvis.Monitor.Model;

/// <summary>A check's outage: from going down to coming back; the cause is the last error seen.</summary>
public sealed record Incident(Guid Id, string CheckId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, double? DurationSeconds, string? Cause, bool Muted);
