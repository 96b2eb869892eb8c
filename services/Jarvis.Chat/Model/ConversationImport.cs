namespace Jarvis.Chat.Model;

/// <summary>An import request once validated: what is stored.</summary>
public sealed record ConversationImport(Guid Source, string? Title, bool Pinned, bool Archived, DateTimeOffset CreatedAt, IReadOnlyList<ExportedMessage> Messages);
