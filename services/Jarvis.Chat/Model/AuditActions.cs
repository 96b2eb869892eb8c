namespace Jarvis.Chat.Model;

/// <summary>The <c>action</c> values of the audit log.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string ConversationDeleted = "conversation.deleted";
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
}
