using System.Text.Json;
using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Model;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.Features;

namespace Jarvis.Monitor.Apis;

public static class EventsApi
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/monitor/events", StreamStatusChanges).WithName(nameof(StreamStatusChanges)).WithTags("Status")
            .RequireAuthorization(InternalPolicies.User)
            .WithSummary("Server-sent events (text/event-stream) of status changes on the replica that answers: first one 'status' event per "
                + "check as it stands, then a 'change' event whenever a check's status changes. A comment every 15 s keeps proxies from closing it.")
            .Produces<StatusChange>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task StreamStatusChanges(HttpContext context, StatusBoard board)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        var changes = board.Listen(cancellationToken);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.WriteAsync("retry: 2000\n\n", cancellationToken);
            foreach (var check in board.Checks)
            {
                await response.WriteAsync($"event: status\ndata: {JsonSerializer.Serialize(check, MonitorJsonContext.Default.CheckSnapshot)}\n\n", cancellationToken);
            }

            await response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(KeepAlive);
                try
                {
                    var change = await changes.ReadAsync(wait.Token);
                    await response.WriteAsync($"event: change\ndata: {JsonSerializer.Serialize(change, MonitorJsonContext.Default.StatusChange)}\n\n", cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left.
        }
    }
}
