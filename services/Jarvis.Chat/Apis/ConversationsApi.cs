using System.Security.Claims;
using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat/conversations").RequireAuthorization(InternalPolicies.User).WithTags("Conversations")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("", ListConversations).WithName(nameof(ListConversations))
            .WithSummary("The caller's conversations, newest first; limit is clamped to 1..1000 (default 50).");
        api.MapPost("", CreateConversation).WithName(nameof(CreateConversation))
            .WithSummary("Start a conversation; without a title it is named from its first message.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/{id}", GetConversation).WithName(nameof(GetConversation)).WithSummary("One of the caller's conversations.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{id}", UpdateConversation).WithName(nameof(UpdateConversation)).WithSummary("Rename, pin or archive a conversation.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapDelete("/{id}", DeleteConversation).WithName(nameof(DeleteConversation)).WithSummary("Delete a conversation and its messages.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<Page<Conversation>>, ValidationProblem, ProblemHttpResult>> ListConversations(
        string? limit, string? before, ClaimsPrincipal user, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.GuidPage(limit, before, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        return TypedResults.Ok(await conversations.ListAsync(userId, page, cancellationToken));
    }

    public static async Task<Results<Created<Conversation>, ValidationProblem, ProblemHttpResult>> CreateConversation(
        CreateConversationRequest? request, ClaimsPrincipal user, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var title = InputRules.Title(request?.Title, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var created = await conversations.CreateAsync(userId, title, cancellationToken);
        return created is null
            ? Problems.NotFound("user (the token's sub)")
            : TypedResults.Created($"/api/chat/conversations/{created.Id}", created);
    }

    public static async Task<Results<Ok<Conversation>, ValidationProblem, ProblemHttpResult>> GetConversation(
        string id, ClaimsPrincipal user, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        if (conversationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var found = await conversations.GetAsync(userId, conversationId.Value, cancellationToken);
        return found is null ? Problems.NotFound("conversation") : TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<Conversation>, ValidationProblem, ProblemHttpResult>> UpdateConversation(
        string id, UpdateConversationRequest request, ClaimsPrincipal user, ConversationStore conversations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        var title = InputRules.Title(request.Title, errors);
        if (errors.Count > 0 || conversationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var updated = await conversations.UpdateAsync(userId, conversationId.Value, request with { Title = title }, cancellationToken);
        return updated is null ? Problems.NotFound("conversation") : TypedResults.Ok(updated);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteConversation(
        string id, HttpContext context, ConversationStore conversations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        if (conversationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (context.User.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var deleted = await conversations.DeleteAsync(userId, conversationId.Value, context.Actor(), cancellationToken);
        return deleted ? TypedResults.NoContent() : Problems.NotFound("conversation");
    }
}
