using System.Text.Json.Nodes;

namespace Jarvis.Automation.Model;

/// <summary>
/// One run: <see cref="Status"/> is queued, running, succeeded, skipped (conditions did not hold), stopped (a stop
/// step), failed (with <see cref="Error"/>) or cancelled (mode restart, an edit, disable or delete). <see cref="CatchUp"/>
/// marks a time trigger missed while the service was down and run at its start.
/// </summary>
public sealed record RunSummary(Guid Id, Guid AutomationId, int Version, string Status, JsonObject Trigger, bool CatchUp,
    DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);
