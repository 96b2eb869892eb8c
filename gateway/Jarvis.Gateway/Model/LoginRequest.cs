namespace Jarvis.Gateway.Model;

/// <summary>The body of <c>POST /api/auth/login</c>.</summary>
public sealed record LoginRequest(string? Username, string? Password);
