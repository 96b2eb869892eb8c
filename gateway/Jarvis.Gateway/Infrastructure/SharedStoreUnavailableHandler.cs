using Jarvis.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure;

/// <summary>
/// Redis holds the sessions, the key ring and the shared limits; while it does not answer, a request
/// gets 503 problem details that say so, rather than a bare 500. Nothing is half-done: every write to
/// Redis here is a single command or script.
/// </summary>
public sealed partial class SharedStoreUnavailableHandler(ILogger<SharedStoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (RedisException or RedisTimeoutException) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(exception.GetType().Name);
        httpContext.Response.Headers.RetryAfter = "5";
        await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "Temporarily unavailable", "The session store does not answer; try again in a few seconds.");
        return true;
    }

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Redis did not answer ({Exception}); answered 503")]
    private partial void LogUnavailable(string exception);
}
