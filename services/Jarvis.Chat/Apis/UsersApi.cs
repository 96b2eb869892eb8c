using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat/users").RequireAuthorization(InternalPolicies.Admin).WithTags("Users")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListUsers).WithName(nameof(ListUsers)).WithSummary("Every user, newest first (admins only).");
        api.MapPost("", CreateUser).WithName(nameof(CreateUser)).WithSummary("Create a user (admins only); usernames are unique without regard to case.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPatch("/{id}", UpdateUser).WithName(nameof(UpdateUser))
            .WithSummary("Disable or enable a user, change their role or password (admins only); their sessions end.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    public static async Task<Results<Ok<Page<UserAccount>>, ValidationProblem>> ListUsers(
        string? limit, string? before, UserStore users, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.GuidPage(limit, before, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await users.ListAsync(page, cancellationToken));
    }

    public static async Task<Results<Created<UserAccount>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, HttpContext context, UserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>();
        InputRules.Username(request.Username, errors);
        InputRules.Password(request.Password, errors);
        InputRules.Role(request.Role, errors);
        if (errors.Count > 0 || request.Username is null || request.Password is null || request.Role is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = await users.CreateAsync(request.Username, request.Password, request.Role, context.Actor(), cancellationToken);
        return created is null
            ? Problems.Conflict($"The username '{request.Username}' is taken.")
            : TypedResults.Created($"/api/chat/users/{created.Id}", created);
    }

    public static async Task<Results<Ok<UserAccount>, ValidationProblem, ProblemHttpResult>> UpdateUser(
        string id, UpdateUserRequest request, HttpContext context, UserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>();
        var userId = InputRules.Id(id, "id", errors);
        if (request.Role is not null)
        {
            InputRules.Role(request.Role, errors);
        }

        if (request.Password is not null)
        {
            InputRules.Password(request.Password, errors);
        }

        if (request is { Disabled: null, Role: null, Password: null })
        {
            errors["body"] = ["Give at least one of disabled, role and password."];
        }

        if (errors.Count > 0 || userId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var result = await users.UpdateAsync(userId.Value, request, context.Actor(), cancellationToken);
            return result.Status switch
            {
                UserUpdateStatus.Updated => TypedResults.Ok(result.User!),
                UserUpdateStatus.LastAdmin => Problems.Conflict("That would leave no enabled admin."),
                _ => Problems.NotFound("user"),
            };
        }
        catch (SessionRevocationException ex)
        {
            // The gateway could not be told to end the sessions, so nothing was changed.
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The change was not made: sessions could not be revoked.", detail: ex.Message);
        }
    }
}
