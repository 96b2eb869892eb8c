using System.Security.Claims;

namespace Jarvis.Automation.Apis;

/// <summary>Who calls, from the internal token the gateway minted.</summary>
internal static class CallerIdentity
{
    /// <summary>The person's id (<c>sub</c>); null when the token does not name one as a UUID.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParseExact(user.FindFirstValue("sub"), "D", out var id) ? id : null;
}
