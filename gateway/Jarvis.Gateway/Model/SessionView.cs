namespace Jarvis.Gateway.Model;

/// <summary>What login and <c>/api/auth/me</c> answer: the user and the token unsafe requests must echo.</summary>
public sealed record SessionView(SignedInUser User, string CsrfToken, DateTimeOffset ExpiresAt);
