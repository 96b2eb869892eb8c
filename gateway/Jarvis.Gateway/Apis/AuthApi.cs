using Jarvis.Gateway.Extensions;
using Jarvis.Gateway.Infrastructure;
using Jarvis.Gateway.Infrastructure.RateLimiting;
using Jarvis.Gateway.Infrastructure.Security;
using Jarvis.Gateway.Infrastructure.Sessions;
using Jarvis.Gateway.Model;
using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults.Validation;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Apis;

/// <summary>Login, logout and the current session: the only routes the gateway answers itself.</summary>
public static class AuthApi
{
    public const int MaxUsernameLength = 128;
    public const int MaxPasswordLength = 1024;

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");

        api.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Check a username and password through the chat service and start a session (cookie __Host-jarvis).")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitExtensions.LoginPolicy)
            .WithMetadata(new RequestBodyLimit(4096));

        api.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("End the session on the server; the cookie no longer works anywhere.")
            .WithMetadata(new RequestBodyLimit(4096));

        api.MapGet("/me", Me)
            .WithName("Me")
            .WithSummary("The signed-in user and the CSRF token unsafe requests must send in X-CSRF-Token.");

        return api;
    }

    public static async Task<Results<Ok<SessionView>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        HttpContext context,
        ChatCredentials credentials,
        SessionStore sessions,
        LoginThrottle throttle,
        IOptionsMonitor<SessionLifetimeOptions> lifetime,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Read by hand rather than bound: a form post must be refused here (415), not routed on to the API's catch-all.
        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send JSON", detail: "POST /api/auth/login takes application/json: {\"username\", \"password\"}.");
        }

        LoginRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync(GatewayJsonContext.Default.LoginRequest, cancellationToken);
        }
        catch (JsonException ex)
        {
            // E.g. an unpaired surrogate escape in one field: name it, as for any other invalid field.
            return BadRequestHandler.JsonField(ex) is { } field
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"{field} is not valid JSON text."] })
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON");
        }

        if (request is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is empty");
        }

        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var username = request.Username!.Trim();
        if (await throttle.TryAcquireAsync(username, cancellationToken) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many login attempts for this user", detail: "Wait before trying again.");
        }

        // One path for every refusal: the gateway adds nothing that tells an unknown user from a wrong password.
        var verifiedAt = time.GetUtcNow();
        var verdict = await credentials.VerifyAsync(username, request.Password!, RateLimitExtensions.Address(context), cancellationToken);
        if (verdict.User is null)
        {
            return verdict.ServiceAnswered
                ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Invalid username or password")
                : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Sign-in is unavailable",
                    detail: "The chat service, which checks passwords, does not answer.");
        }

        // A fresh id at every login (no session fixation); any session this browser had ends.
        if (context.GetSession() is { } previous)
        {
            await sessions.EndAsync(previous);
        }

        var (session, cookie) = await sessions.CreateAsync(verdict.User, verifiedAt);
        SessionCookie.Write(context.Response, cookie, lifetime.CurrentValue.AbsoluteTimeout);
        return TypedResults.Ok(session.ToView());
    }

    public static async Task<Results<NoContent, UnauthorizedHttpResult>> LogoutAsync(
        HttpContext context, SessionStore sessions, InternalTokenCache tokens)
    {
        if (context.GetSession() is not { } session)
        {
            return TypedResults.Unauthorized();
        }

        await sessions.EndAsync(session);
        tokens.Forget(session);
        SessionCookie.Clear(context.Response);
        return TypedResults.NoContent();
    }

    public static Results<Ok<SessionView>, UnauthorizedHttpResult> Me(HttpContext context) =>
        context.GetSession() is { } session ? TypedResults.Ok(session.ToView()) : TypedResults.Unauthorized();

    /// <summary>Checked before the throttle or chat is asked: text the database cannot store (NUL, lone surrogates) is refused here.</summary>
    private static Dictionary<string, string[]> Validate(LoginRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (StorableText.Refusal(request.Username) is { } username)
        {
            errors["username"] = [$"username {username}."];
        }
        else if (string.IsNullOrWhiteSpace(request.Username))
        {
            errors["username"] = ["Required."];
        }
        else if (request.Username.Length > MaxUsernameLength)
        {
            errors["username"] = [$"At most {MaxUsernameLength} characters."];
        }

        if (StorableText.Refusal(request.Password) is { } password)
        {
            errors["password"] = [$"password {password}."];
        }
        else if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Required."];
        }
        else if (request.Password.Length > MaxPasswordLength)
        {
            errors["password"] = [$"At most {MaxPasswordLength} characters."];
        }

        return errors;
    }
}
