using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Storage;

/// <summary>One attempt as <c>monitor.results</c> keeps it.</summary>
public sealed record ResultRow(string CheckId, DateTimeOffset At, bool Ok, CheckStatus Status, double? LatencyMs, string? Message);
