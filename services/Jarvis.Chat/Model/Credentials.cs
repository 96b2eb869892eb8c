namespace Jarvis.Chat.Model;

/// <summary>The gateway's login check; <see cref="RemoteAddress"/> is the browser's address, for the audit log.</summary>
public sealed record VerifyCredentialsRequest(string? Username, string? Password, string? RemoteAddress);

public sealed record VerifiedUser(Guid Id, string Username, string Role);
