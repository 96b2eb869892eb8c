using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Chat.Apis;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/chat/audit", ListAudit).RequireAuthorization(InternalPolicies.Admin).WithTags("Audit").WithName(nameof(ListAudit))
            .WithSummary("The audit log of critical actions, newest first (admins only); before is an entry id.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> ListAudit(
        string? limit, string? before, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = InputRules.SequencePage(limit, before, errors);
        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await audit.ListAsync(page, cancellationToken));
    }
}
