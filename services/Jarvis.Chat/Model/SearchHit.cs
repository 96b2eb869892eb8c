namespace Jarvis.Chat.Model;

/// <summary>A match in a conversation's title (<see cref="MessageId"/> null) or in one of its messages.</summary>
public sealed record SearchHit(string Kind, Guid ConversationId, Guid? MessageId, string? ConversationTitle, string Snippet, DateTimeOffset CreatedAt);
