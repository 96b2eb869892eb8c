namespace Jarvis.Chat.Model;

/// <summary>A stored message; <see cref="Role"/> is <c>user</c> or <c>assistant</c> (Jarvis).</summary>
public sealed record Message(Guid Id, Guid ConversationId, string Role, string Content, string? ClientId, Guid? ReplyTo, DateTimeOffset CreatedAt);
