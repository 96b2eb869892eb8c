namespace Jarvis.Chat.Model;

/// <summary>A person who can sign in; <see cref="Role"/> is <c>admin</c> or <c>user</c>.</summary>
public sealed record UserAccount(Guid Id, string Username, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
