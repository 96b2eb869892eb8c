using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>
/// PostgreSQL down, restarting (57P03) or ending sessions (57P01) is a 503 problem with
/// <c>Retry-After</c>, logged as one warning line without a stack trace; a broken connection also
/// empties the pool, so the next request opens a fresh one.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!DatabaseFailures.IsUnavailable(exception))
        {
            return false;
        }

        DatabaseFailures.ForgetDeadConnections(httpContext.RequestServices.GetService<NpgsqlDataSource>(), exception);
        LogUnavailable(httpContext.Request.Method, httpContext.Request.Path.Value ?? "", exception.GetType().Name,
            (exception as PostgresException)?.SqlState ?? "-", exception.Message);
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.Clear();
        httpContext.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable,
            "Temporarily unavailable", "The database does not answer; try again in a few seconds.");
        return true;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning,
        Message = "The database did not answer {Method} {Path} ({Exception}, SQLSTATE {SqlState}: {Reason}); answered 503")]
    private partial void LogUnavailable(string method, string path, string exception, string sqlState, string reason);
}
