namespace Jarvis.Chat.Model;

/// <summary>One message of an export, oldest first; <see cref="Role"/> is <c>user</c> or <c>assistant</c>.</summary>
public sealed record ExportedMessage(string Role, string Content, string? ClientId, DateTimeOffset CreatedAt);
