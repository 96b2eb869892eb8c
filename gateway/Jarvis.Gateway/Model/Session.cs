namespace Jarvis.Gateway.Model;

/// <summary>A signed-in browser, held in Redis; the browser holds only a protected reference to it.</summary>
/// <param name="VerifiedAtMs">When the credential check began (unix ms): a revocation mark at or after it voids the session.</param>
public sealed record Session(
    string Id,
    string UserId,
    string Username,
    string Role,
    string CsrfToken,
    long VerifiedAtMs,
    long AbsoluteExpiryMs)
{
    public SessionView ToView() => new(
        new SignedInUser(UserId, Username, Role), CsrfToken, DateTimeOffset.FromUnixTimeMilliseconds(AbsoluteExpiryMs));
}
