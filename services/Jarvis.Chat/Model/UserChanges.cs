namespace Jarvis.Chat.Model;

public sealed record CreateUserRequest(string? Username, string? Password, string? Role);

/// <summary>PATCH body: an absent (null) field stays as it is.</summary>
public sealed record UpdateUserRequest(bool? Disabled, string? Role, string? Password);
