namespace Jarvis.Chat.Model;

/// <param name="ClientId">Chosen by the client (e.g. a nanoid); a resend with the same one returns the first result.</param>
public sealed record SendMessageRequest(string? Content, string? ClientId);
