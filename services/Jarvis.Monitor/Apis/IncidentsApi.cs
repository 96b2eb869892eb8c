using System.Globalization;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/monitor/incidents", ListIncidents).WithName(nameof(ListIncidents)).WithTags("Incidents")
            .RequireAuthorization(InternalPolicies.User)
            .WithSummary("Incidents newest first (start, end, duration, cause: the last error); check filters by check id, open=true "
                + "keeps those still open; limit is clamped to 1..1000 (default 50); pass nextBefore as before for the next page.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<Page<Incident>>, ValidationProblem>> ListIncidents(
        string? check, string? open, string? limit, string? before, IncidentStore incidents, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (check is not null)
        {
            InputRules.CheckIdentifier(check, "check", errors);
        }

        if (open is not (null or "true" or "false"))
        {
            errors["open"] = ["open must be true or false."];
        }

        var size = InputRules.Limit(limit, errors);
        var cursor = InputRules.Cursor(before, "before", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await incidents.PageAsync(check, open == "true", cursor, size, cancellationToken);
        var next = page.Count == size ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<Incident>([.. page.Select(p => p.Incident)], size, next));
    }
}
