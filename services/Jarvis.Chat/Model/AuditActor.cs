namespace Jarvis.Chat.Model;

/// <summary>Who did something and from which address, as the audit log records it.</summary>
public sealed record AuditActor(Guid? Id, string? Name, string? RemoteAddress);
