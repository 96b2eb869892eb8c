using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jarvis.Monitor.Apis;

public static class StatusApi
{
    private static readonly UptimeRatios NoRatios = new(null, null, null, null);

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/monitor/status", GetStatus).WithName(nameof(GetStatus)).WithTags("Status")
            .RequireAuthorization(InternalPolicies.User)
            .WithSummary("The overall status (down if any check is down, else pending if any is, else up) and each check's: status, "
                + "since when, last latency, message, and uptime over 24 h, 7, 30 and 365 days (null where nothing was recorded).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Ok<StatusReport>> GetStatus(StatusBoard board, UptimeCache uptime, Leadership leadership, TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = board.Checks;
        IReadOnlyDictionary<string, UptimeRatios> ratios;
        try
        {
            ratios = await uptime.GetAsync(cancellationToken);
        }
        catch (Npgsql.NpgsqlException)
        {
            ratios = new Dictionary<string, UptimeRatios>(); // the live status does not need the database
        }

        var views = checks.Select(c => new CheckStatusView(c, ratios.GetValueOrDefault(c.Id, NoRatios))).ToList();
        return TypedResults.Ok(new StatusReport(StatusBoard.Overall(checks), time.GetUtcNow(), leadership.IsLeader, views));
    }
}
