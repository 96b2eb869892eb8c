using System.Text.Json;

namespace Jarvis.Chat.Model;

/// <summary>One critical action: who (actor), what (action), on what (target), when, from where.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredAt,
    Guid? ActorId,
    string? ActorName,
    string Action,
    string? TargetType,
    string? TargetId,
    string? RemoteAddress,
    JsonElement? Details);
