namespace Jarvis.Chat.Model;

/// <summary>The roles a person can hold (a service is never a user).</summary>
public static class UserRoles
{
    public const string Admin = "admin";
    public const string User = "user";

    public static bool IsValid(string? role) => role is Admin or User;
}
