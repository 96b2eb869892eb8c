using System.Security.Claims;
using System.Text;
using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jarvis.Chat.Apis;

/// <summary>A conversation exported as JSON or Markdown, and a JSON export imported as a new conversation, once.</summary>
public static class ConversationTransferApi
{
    /// <summary>Imports may be larger than other bodies: 1 MiB, as the gateway's <c>chat-import</c> route allows.</summary>
    public const long MaxImportBytes = 1024 * 1024;

    public const int MaxImportedMessages = 10_000;

    public static IEndpointRouteBuilder MapConversationTransferApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat/conversations").RequireAuthorization(InternalPolicies.User).WithTags("Conversations")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapGet("/{id}/export", ExportConversation).WithName(nameof(ExportConversation))
            .WithSummary("The conversation and all its messages, oldest first: format=json (default, importable) or format=markdown.")
            .Produces<ConversationExport>(StatusCodes.Status200OK, "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/import", ImportConversation).WithName(nameof(ImportConversation))
            .WithSummary("A JSON export as a new conversation of the caller's; the same export again answers 200 with the conversation made the first time.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<IResult> ExportConversation(
        string id, string? format, ClaimsPrincipal user, ConversationTransfer transfer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var conversationId = InputRules.Id(id, "id", errors);
        var markdown = format switch
        {
            null or "json" => false,
            "markdown" => true,
            _ => Fail(errors, "format", "format is json or markdown."),
        };
        if (conversationId is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        if (await transfer.ExportAsync(userId, conversationId.Value, cancellationToken) is not { } export)
        {
            return Problems.NotFound("conversation");
        }

        return markdown
            ? TypedResults.Text(ConversationMarkdown.Write(export), "text/markdown; charset=utf-8", Encoding.UTF8)
            : TypedResults.Ok(export);
    }

    public static async Task<Results<Created<Conversation>, Ok<Conversation>, ValidationProblem, ProblemHttpResult>> ImportConversation(
        ImportConversationRequest? request, ClaimsPrincipal user, ConversationTransfer transfer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var import = Validate(request, errors);
        if (import is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (user.UserId() is not { } userId)
        {
            return Problems.NotAPerson();
        }

        return await transfer.ImportAsync(userId, import, cancellationToken) switch
        {
            null => Problems.NotFound("user (the token's sub)"),
            ({ } conversation, true) => TypedResults.Created($"/api/chat/conversations/{conversation.Id}", conversation),
            ({ } conversation, false) => TypedResults.Ok(conversation),
        };
    }

    /// <summary>Every field of an import is checked as the routes that make conversations and messages check it.</summary>
    private static ConversationImport? Validate(ImportConversationRequest? request, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["The body is a JSON export of a conversation."];
            return null;
        }

        if (request.Format != ConversationExport.FormatName)
        {
            errors["format"] = [$"format must be \"{ConversationExport.FormatName}\"."];
        }

        if (request.Version != ConversationExport.CurrentVersion)
        {
            errors["version"] = [$"version must be {ConversationExport.CurrentVersion}."];
        }

        var source = InputRules.Id(request.Id, "id", errors);
        var title = InputRules.Title(request.Title, errors);
        var messages = new List<ExportedMessage>();
        if (request.Messages is null)
        {
            errors["messages"] = ["messages is required (it may be empty)."];
        }
        else if (request.Messages.Count > MaxImportedMessages)
        {
            errors["messages"] = [$"An import holds at most {MaxImportedMessages} messages."];
        }
        else
        {
            var clientIds = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < request.Messages.Count && errors.Count < 20; i++)
            {
                if (ValidateMessage(request.Messages[i], $"messages[{i}]", clientIds, errors) is { } message)
                {
                    messages.Add(message);
                }
            }
        }

        return source is null || errors.Count > 0
            ? null
            : new ConversationImport(source.Value, title, request.Pinned ?? false, request.Archived ?? false, request.CreatedAt ?? DateTimeOffset.UtcNow, messages);
    }

    private static ExportedMessage? ValidateMessage(ImportedMessage? message, string path, HashSet<string> clientIds, Dictionary<string, string[]> errors)
    {
        if (message is null)
        {
            errors[path] = [$"{path} must be a message."];
            return null;
        }

        var own = new Dictionary<string, string[]>();
        if (message.Role is not ("user" or "assistant"))
        {
            own["role"] = ["role must be user or assistant."];
        }

        InputRules.Content(message.Content, own);
        if (message.ClientId is not null)
        {
            InputRules.ClientId(message.ClientId, own);
            if (!own.ContainsKey("clientId") && !clientIds.Add(message.ClientId))
            {
                own["clientId"] = ["clientId appears twice in this conversation."];
            }
        }

        foreach (var (field, problems) in own)
        {
            errors[$"{path}.{field}"] = problems;
        }

        return own.Count > 0 ? null : new ExportedMessage(message.Role!, message.Content!, message.ClientId, message.CreatedAt ?? DateTimeOffset.UtcNow);
    }

    private static bool Fail(Dictionary<string, string[]> errors, string field, string problem)
    {
        errors[field] = [problem];
        return false;
    }
}
