using Microsoft.AspNetCore.Http;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>The one cookie the browser holds: <c>__Host-</c> pins it to this origin, path / and Secure.</summary>
public static class SessionCookie
{
    public const string Name = "__Host-jarvis";

    public static CookieOptions Options(TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        // Browsers accept Secure cookies from http://localhost and 127.0.0.1, so development keeps it too.
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
        MaxAge = maxAge,
    };

    public static void Write(HttpResponse response, string value, TimeSpan maxAge) =>
        response.Cookies.Append(Name, value, Options(maxAge));

    public static void Clear(HttpResponse response) =>
        response.Cookies.Delete(Name, Options(TimeSpan.Zero));
}
