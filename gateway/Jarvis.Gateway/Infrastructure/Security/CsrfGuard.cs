using Jarvis.ServiceDefaults;
using System.Security.Cryptography;
using System.Text;
using Jarvis.Gateway.Infrastructure.Sessions;
using Microsoft.Net.Http.Headers;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// Unsafe methods must come from one of Jarvis's own origins (<see cref="PublicOrigins"/>, when the browser says
/// where it comes from; never judged by the request's own Host) and, with a session,
/// carry the session's token in <c>X-CSRF-Token</c>; otherwise 403 problem details.
/// </summary>
public sealed class CsrfGuard(RequestDelegate next, PublicOrigins origins)
{
    public const string HeaderName = "X-CSRF-Token";
    private const string LoginPath = "/api/auth/login";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length > 0 && !origins.IsAllowedOrigin(origin))
        {
            return ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden,
                "Cross-origin request refused", "The Origin header names another site.");
        }

        // Login starts a new session whatever cookie came along; the Origin check above and JSON-only bodies guard it.
        var session = request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase) ? null : context.GetSession();
        if (session is not null && !TokenMatches(request.Headers[HeaderName].ToString(), session.CsrfToken))
        {
            return ProblemResponse.WriteAsync(context, StatusCodes.Status403Forbidden,
                "CSRF token missing or wrong", $"Send the csrfToken from /api/auth/me in the {HeaderName} header.");
        }

        return next(context);
    }

    private static bool TokenMatches(string sent, string expected) =>
        sent.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
}
