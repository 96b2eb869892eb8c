using System.Security.Claims;
using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.Chat.Replies;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

public static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat/conversations/{id}/messages").RequireAuthorization(InternalPolicies.User).WithTags("Messages")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("", ListMessages).WithName(nameof(ListMessages))
            .WithSummary("A conversation's messages, newest first; limit is clamped to 1..1000 (default 50).");
        api.MapPost("", SendMessage).WithName(nameof(SendMessage))
            .WithSummary("Send a message; 201 with it and Jarvis's reply. A repeated clientId answers 200 with the first result and stores nothing.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<Results<Ok<Page<Message>>, ValidationProblem, ProblemHttpResult>> ListMessages(
        string id, string? limit, string? before, ClaimsPrincipal user, MessageStore messages, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        var page = InputRules.GuidPage(limit, before, errors);
        if (errors.Count > 0 || conversationId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var found = await messages.ListAsync(userId, conversationId.Value, page, cancellationToken);
        return found is null ? Problems.NotFound("conversation") : TypedResults.Ok(found);
    }

    public static async Task<Results<Created<MessageExchange>, Ok<MessageExchange>, ValidationProblem, ProblemHttpResult>> SendMessage(
        string id, SendMessageRequest request, ClaimsPrincipal user, MessageStore messages, AssistantReplies replies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        InputRules.Content(request.Content, errors);
        InputRules.ClientId(request.ClientId, errors);
        if (errors.Count > 0 || conversationId is null || request.Content is null || request.ClientId is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        var reply = await replies.ReplyAsync(new ReplyRequest(request.Content, user.UserName()), cancellationToken);
        var result = await messages.SendAsync(userId, conversationId.Value, request.Content, request.ClientId, reply, cancellationToken);
        if (result is not { } sent)
        {
            return Problems.NotFound("conversation");
        }

        return sent.Created
            ? TypedResults.Created($"/api/chat/conversations/{conversationId}/messages/{sent.Exchange.Message.Id}", sent.Exchange)
            : TypedResults.Ok(sent.Exchange);
    }
}
