namespace Jarvis.Chat.Model;

public sealed record CreateConversationRequest(string? Title);

/// <summary>PATCH body: an absent (null) field stays as it is.</summary>
public sealed record UpdateConversationRequest(string? Title, bool? Pinned, bool? Archived);
