using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace Jarvis.ServiceDefaults.Authentication;

/// <summary>
/// The internal token check's 401 and 403 as RFC 7807 documents, like every other error. The
/// authentication and authorization middleware run ahead of the status-code pages, so without this
/// both answers had an empty body. A gRPC call keeps its bare status, which the client maps to
/// Unauthenticated or PermissionDenied.
/// </summary>
internal static class InternalAuthProblems
{
    public static JwtBearerEvents Events { get; } = new()
    {
        OnChallenge = ChallengeAsync,
        OnForbidden = ForbiddenAsync,
    };

    private static Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        if (IsGrpc(context.Request))
        {
            return Task.CompletedTask;
        }

        context.HandleResponse();
        context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized",
            context.AuthenticateFailure is null ? "This route needs an internal token." : "The internal token is not valid.");
    }

    private static Task ForbiddenAsync(ForbiddenContext context) =>
        IsGrpc(context.Request)
            ? Task.CompletedTask
            : ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The token's role does not allow this route.");

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
