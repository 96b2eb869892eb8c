using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

/// <summary>The gateway's login check: service tokens only, never routed from outside.</summary>
public static class CredentialsApi
{
    public const string InvalidTitle = "Invalid username or password.";

    public static IEndpointRouteBuilder MapCredentialsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/credentials/verify", VerifyCredentials).RequireAuthorization(InternalPolicies.Service)
            .WithTags("Internal").WithName(nameof(VerifyCredentials))
            .WithSummary("Check a username and password (service tokens only); 401 alike for unknown user, wrong password and disabled user.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<VerifiedUser>, ValidationProblem, ProblemHttpResult>> VerifyCredentials(
        VerifyCredentialsRequest request, CredentialCheck credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        StorableText.Check(request.Username, "username", errors);
        StorableText.Check(request.Password, "password", errors);
        StorableText.Check(request.RemoteAddress, "remoteAddress", errors);
        if (!errors.ContainsKey("username") && (string.IsNullOrEmpty(request.Username) || request.Username.Length > 64))
        {
            errors["username"] = ["username is required (at most 64 characters)."];
        }

        if (!errors.ContainsKey("password") && (string.IsNullOrEmpty(request.Password) || request.Password.Length > InputRules.MaxPasswordLength))
        {
            errors["password"] = [$"password is required (at most {InputRules.MaxPasswordLength} characters)."];
        }

        if (!errors.ContainsKey("remoteAddress") && request.RemoteAddress is { Length: > 64 })
        {
            errors["remoteAddress"] = ["remoteAddress must be at most 64 characters."];
        }

        if (errors.Count > 0 || request.Username is null || request.Password is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = await credentials.VerifyAsync(request.Username, request.Password, request.RemoteAddress, cancellationToken);
        return user is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: InvalidTitle)
            : TypedResults.Ok(user);
    }
}
