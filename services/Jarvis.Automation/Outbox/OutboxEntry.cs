namespace Jarvis.Automation.Outbox;

/// <summary>One outbox row as callers see it (<c>GET /api/devices/commands/{id}</c>).</summary>
public sealed record OutboxEntry(
    Guid Id,
    string Topic,
    OutboxStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? Error);
