namespace Jarvis.Automation.Model;

/// <summary>
/// A command and where it stands: <c>queued</c> (waiting for the broker), <c>sent</c> (the broker took every message),
/// <c>expired</c> (not sent within its time to live; it never will be) or <c>failed</c> (the broker refused it).
/// </summary>
public sealed record CommandStatus(Guid Id, string EntityId, string Status, string Command, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string? Error);
