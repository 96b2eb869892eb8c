using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

public static class HistoryApi
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/monitor/checks/{id}/history", GetHistory).WithName(nameof(GetHistory)).WithTags("History")
            .RequireAuthorization(InternalPolicies.User)
            .WithSummary("A check's history between from (default: 24 h ago) and to (default: now), newest first: resolution raw "
                + "(every attempt, kept 7 days) or hour (rollups, kept a year); limit is clamped to 1..1000 (default 50). "
                + "For the next page pass nextBefore as to.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<Ok<Page<HistoryPoint>>, ValidationProblem>> GetHistory(
        string id, string? from, string? to, string? resolution, string? limit, HistoryStore history, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        InputRules.CheckIdentifier(id, "id", errors);
        var now = time.GetUtcNow();
        var end = InputRules.Time(to, "to", errors) ?? now;
        var start = InputRules.Time(from, "from", errors) ?? end.AddHours(-24);
        var size = InputRules.Limit(limit, errors);
        if (start >= end && !errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            errors["from"] = ["from must be before to."];
        }

        if (resolution is not (null or "raw" or "hour"))
        {
            errors["resolution"] = ["resolution must be raw or hour."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var points = resolution == "hour"
            ? await history.HourlyAsync(id, start, end, size, cancellationToken)
            : await history.RawAsync(id, start, end, size, cancellationToken);
        var next = points.Count == size ? points[^1].At.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<HistoryPoint>(points, size, next));
    }
}
