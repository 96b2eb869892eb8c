namespace Jarvis.Chat.Model;

public sealed record ImportedMessage(string? Role, string? Content, string? ClientId, DateTimeOffset? CreatedAt);
