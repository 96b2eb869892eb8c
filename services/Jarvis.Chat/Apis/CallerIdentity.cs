using System.Security.Claims;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Apis;

/// <summary>Who calls, from the internal token the gateway minted.</summary>
internal static class CallerIdentity
{
    /// <summary>The person's id (<c>sub</c>); null when the token does not name one as a UUID.</summary>
    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParseExact(user.FindFirstValue("sub"), "D", out var id) ? id : null;

    public static string? UserName(this ClaimsPrincipal user) => user.FindFirstValue("name");

    /// <summary>The browser's address as the gateway forwarded it, else the peer's.</summary>
    public static string? RemoteAddress(this HttpContext context)
    {
        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var first = forwarded.Split(',')[0].Trim();
            return first.Length <= 64 ? first : first[..64];
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }

    public static AuditActor Actor(this HttpContext context) =>
        new(context.User.UserId(), context.User.UserName(), context.RemoteAddress());
}
