namespace Jarvis.Chat.Model;

/// <summary>
/// A notification another service asks chat to pass on to the admins: <see cref="Text"/> (1..4000 characters),
/// <see cref="Key"/> (1..64 of A-Z, a-z, 0-9, '_', '-'; the same key twice is stored once).
/// </summary>
public sealed record NotificationRequest(string? Text, string? Key);
