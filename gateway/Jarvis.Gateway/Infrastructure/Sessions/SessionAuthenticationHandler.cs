using Jarvis.ServiceDefaults;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>Signs a request in from the session cookie; an API call without one gets 401 problem details, never a redirect.</summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionStore sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "JarvisSession";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var cookie = Request.Cookies[SessionCookie.Name];
        if (string.IsNullOrEmpty(cookie))
        {
            return AuthenticateResult.NoResult();
        }

        var session = await sessions.ResolveAsync(cookie);
        if (session is null)
        {
            return AuthenticateResult.Fail("The session cookie is invalid, expired, ended or revoked.");
        }

        Context.SetSession(session);
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", session.UserId),
                new Claim("name", session.Username),
                new Claim("role", session.Role),
            ],
            SchemeName, "name", "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Cookies.ContainsKey(SessionCookie.Name))
        {
            SessionCookie.Clear(Response);
        }

        return ProblemResponse.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Sign in first", "This route needs a session: POST /api/auth/login.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemResponse.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this.");
}
