namespace Jarvis.Chat.Model;

public sealed record Conversation(Guid Id, string? Title, bool Pinned, bool Archived, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
