namespace Jarvis.Chat.Model;

public enum UserUpdateStatus
{
    Updated,
    NotFound,
    /// <summary>Refused: it would leave no enabled admin.</summary>
    LastAdmin,
}

public sealed record UserUpdateResult(UserUpdateStatus Status, UserAccount? User = null);
