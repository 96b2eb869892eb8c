namespace Jarvis.Gateway.Model;

/// <summary>A signed-in browser, held in Redis; the browser holds only a protected reference to it.</summary>
public sealed record Session(
    string Id,
    string UserId,
    string Username,
    string Role,
    string CsrfToken,
    long CreatedAtMs,
    long AbsoluteExpiryMs)
{
    public SessionView ToView() => new(
        new SignedInUser(UserId, Username, Role), CsrfToken, DateTimeOffset.FromUnixTimeMilliseconds(AbsoluteExpiryMs));
}
