namespace Jarvis.Gateway.Model;

/// <summary>The body of the chat service's <c>POST /internal/credentials/verify</c>.</summary>
public sealed record CredentialCheck(string Username, string Password, string? RemoteAddress);
