using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Jarvis.AppHost.Dashboard;

/// <summary>The dashboard's page and its JSON view (<c>/api/resources</c>) for people and scripts.</summary>
internal static class DashboardApi
{
    public static void Map(IEndpointRouteBuilder routes, DistributedApplication app, DashboardServer server)
    {
        routes.MapGet("/login", (HttpContext context, string? t) =>
        {
            if (!server.IsToken(t))
            {
                return Results.Problem(title: "Wrong dashboard token", statusCode: StatusCodes.Status401Unauthorized);
            }

            server.SignIn(context);
            return Results.Redirect("/");
        });

        routes.MapGet("/", () => Results.Stream(DashboardServer.Asset("index.html"), "text/html; charset=utf-8"));
        routes.MapGet("/dashboard.js", () => Results.Stream(DashboardServer.Asset("dashboard.js"), "text/javascript; charset=utf-8"));
        routes.MapGet("/dashboard.css", () => Results.Stream(DashboardServer.Asset("dashboard.css"), "text/css; charset=utf-8"));

        routes.MapGet("/api/resources", () => Results.Ok(Snapshot(app)));

        routes.MapGet("/api/resources/{name}/logs", (string name, long? after) =>
            Find(app, name) is { } runner
                ? Results.Ok(runner.Log.Buffer.After(after ?? 0))
                : NotFound(name));

        routes.MapPost("/api/resources/{name}/{action}", async (string name, string action) =>
        {
            if (Find(app, name) is null)
            {
                return NotFound(name);
            }

            switch (action)
            {
                case "stop":
                    await app.StopResourceAsync(name);
                    break;
                case "start":
                    _ = app.StartResourceAsync(name);
                    break;
                case "restart":
                    await app.StopResourceAsync(name);
                    _ = app.StartResourceAsync(name);
                    break;
                default:
                    return Results.Problem(title: "Unknown action", detail: "Use stop, start or restart.", statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Accepted();
        });
    }

    public static object Snapshot(DistributedApplication app)
    {
        var gateway = app.Runners.FirstOrDefault(r => r.Resource is ProjectResource { IsExternal: true });
        var prometheus = app.Runners.FirstOrDefault(r => r.Resource is PrometheusResource);
        return new
        {
            application = gateway?.Resource.PrimaryEndpoint().ToString(),
            prometheus = prometheus?.Resource.PrimaryEndpoint().ToString(),
            resources = app.Runners.Select(r => new
            {
                name = r.Resource.Name,
                kind = r.Resource.Kind,
                state = r.State,
                health = r.Health,
                restarts = r.Restarts,
                error = r.Error,
                waitsFor = r.Resource.WaitsFor.Select(w => w.Name),
                replicas = r.Replicas.Select(p => new
                {
                    index = p.Index,
                    pid = p.ProcessId,
                    state = p.State,
                    health = p.Health,
                    restarts = p.Restarts,
                    lastExitCode = p.LastExitCode,
                    startedAt = p.StartedAt,
                    endpoints = p.Endpoints.Select(e => e.ToString()),
                }),
            }),
        };
    }

    private static ResourceRunner? Find(DistributedApplication app, string name) =>
        app.Runners.FirstOrDefault(r => string.Equals(r.Resource.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IResult NotFound(string name) =>
        Results.Problem(title: "No such resource", detail: $"No resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
