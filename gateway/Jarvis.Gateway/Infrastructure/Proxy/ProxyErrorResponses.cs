using Jarvis.ServiceDefaults;
using Yarp.ReverseProxy.Forwarder;

namespace Jarvis.Gateway.Infrastructure.Proxy;

/// <summary>
/// YARP answers a failed forward with a bare status; this turns it into problem details: a service that is
/// down, unhealthy or has no replica is 503 at once, a slow one 504, a body over the route's limit 413.
/// </summary>
public static class ProxyErrorResponses
{
    public const string RetryAfterSeconds = "5";

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next();

        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || error.Error == ForwarderError.RequestCanceled)
        {
            return;
        }

        var service = context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "the service";
        var (status, title) = error.Error switch
        {
            ForwarderError.NoAvailableDestinations or ForwarderError.Request or ForwarderError.RequestCreation
                => (StatusCodes.Status503ServiceUnavailable, $"{service} is unavailable"),
            ForwarderError.RequestTimedOut => (StatusCodes.Status504GatewayTimeout, $"{service} did not answer in time"),
            ForwarderError.RequestBodyClient when IsBodyTooLarge(error.Exception)
                => (StatusCodes.Status413PayloadTooLarge, "Request body too large"),
            ForwarderError.RequestBodyClient => (StatusCodes.Status400BadRequest, "The request body could not be read"),
            _ => (StatusCodes.Status502BadGateway, $"{service} answered badly"),
        };

        context.Response.Clear();
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // The active health check looks again within 5 s, and a destination taken out comes back after 10 s.
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        await ProblemResponse.WriteAsync(context, status, title);
    }

    // Kestrel's limit surfaces as a BadHttpRequestException somewhere inside the forwarder's exception.
    private static bool IsBodyTooLarge(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
