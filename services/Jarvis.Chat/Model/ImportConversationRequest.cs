namespace Jarvis.Chat.Model;

/// <summary>An export read back; every field is checked like any other input before anything is stored.</summary>
public sealed record ImportConversationRequest(
    string? Format, int? Version, string? Id, string? Title, bool? Pinned, bool? Archived, DateTimeOffset? CreatedAt, IReadOnlyList<ImportedMessage?>? Messages);
