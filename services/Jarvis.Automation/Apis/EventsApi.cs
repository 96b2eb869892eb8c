using System.Globalization;
using System.Text;
using System.Text.Json;
using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Apis;

public static class EventsApi
{
    private const int ReplayBatch = 500;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/devices/events", StreamEvents).WithName(nameof(StreamEvents)).WithTags("Events")
            .RequireAuthorization(InternalPolicies.User)
            .WithSummary("Server-sent events (text/event-stream) of state and availability changes, from any replica. Each event's id is its "
                + "history id; reconnecting with Last-Event-ID replays what was missed (as long as history keeps it), then continues live.")
            .Produces<StateEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ValidationProblem>> StreamEvents(
        HttpContext context, DeviceEventFeed feed, StateHistoryReader history, IOptions<DevicesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>();
        long? resumeAfter = null;
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length > 0)
        {
            if (long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                resumeAfter = parsed;
            }
            else
            {
                errors["Last-Event-ID"] = ["Last-Event-ID must be the id of an event this stream sent (a non-negative integer)."];
                return TypedResults.ValidationProblem(errors);
            }
        }

        var cancellationToken = context.RequestAborted;
        await feed.Started.WaitAsync(cancellationToken);
        using var subscription = feed.Subscribe();
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        var sent = resumeAfter ?? subscription.StartedAfter;
        if (resumeAfter is not null)
        {
            // What was missed, from the table; live events above the subscription's start come from the channel.
            while (sent < subscription.StartedAfter)
            {
                var missed = await history.AfterAsync(sent, subscription.StartedAfter, ReplayBatch, cancellationToken);
                if (missed.Count == 0)
                {
                    break;
                }

                foreach (var e in missed)
                {
                    await WriteAsync(response, e, cancellationToken);
                }

                sent = missed[^1].Id;
                await response.Body.FlushAsync(cancellationToken);
            }
        }

        var heartbeat = options.Value.EventHeartbeat;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(heartbeat);
                bool more;
                try
                {
                    more = await subscription.Events.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!more)
                {
                    break; // too far behind, or the service is stopping: the client resumes with Last-Event-ID
                }

                while (subscription.Events.TryRead(out var e))
                {
                    if (e.Id > sent)
                    {
                        await WriteAsync(response, e, cancellationToken);
                        sent = e.Id;
                    }
                }

                await response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return TypedResults.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, StateEvent e, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(e, AutomationJsonContext.Default.StateEvent);
        var text = new StringBuilder()
            .Append("id: ").Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("event: ").Append(e.Kind).Append('\n')
            .Append("data: ").Append(data).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, cancellationToken);
    }
}
