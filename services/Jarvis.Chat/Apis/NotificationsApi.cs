using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

/// <summary>
/// Service-to-service only: other Jarvis services (the monitor's chat alert channel) tell the admins something.
/// The gateway routes only <c>/api/chat/**</c>, so this is not reachable from outside, and it takes only a
/// service token.
/// </summary>
public static class NotificationsApi
{
    public const int MaxTextLength = 4000;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/notifications", NotifyAdmins).RequireAuthorization(InternalPolicies.Service)
            .WithTags("Internal").WithName(nameof(NotifyAdmins))
            .WithSummary("Tell every enabled admin something (service tokens only), as Jarvis's message in their 'Jarvis alerts' conversation; "
                + "the same key twice is stored once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<NotificationReceipt>, ValidationProblem>> NotifyAdmins(
        NotificationRequest? request, NotificationStore notifications, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (StorableText.Check(request?.Text, "text", errors) && (string.IsNullOrWhiteSpace(request?.Text) || request.Text.Length > MaxTextLength))
        {
            errors["text"] = [$"text is required: 1 to {MaxTextLength} characters."];
        }

        InputRules.ClientId(request?.Key, errors);
        if (errors.Remove("clientId", out var keyErrors))
        {
            errors["key"] = [.. keyErrors.Select(e => e.Replace("clientId", "key", StringComparison.Ordinal))];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new NotificationReceipt(await notifications.NotifyAdminsAsync(request!.Text!.Trim(), request.Key!, cancellationToken)));
    }
}
