using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>
/// A read (GET, HEAD) that failed because its pooled connection was dead, or the server refused it for
/// a moment, runs once more on a fresh connection: the first request after PostgreSQL comes back
/// would otherwise fail on a connection opened to the server that went away. Writes are never
/// repeated here; they answer 503 (<see cref="DatabaseUnavailableHandler"/>).
/// </summary>
public sealed partial class DatabaseReadRetry(RequestDelegate next, NpgsqlDataSource dataSource, ILogger<DatabaseReadRetry> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception) && !context.Response.HasStarted
                                          && !context.RequestAborted.IsCancellationRequested)
        {
            // Opened again from scratch: the failed connection's pool mates point at the same dead server.
            dataSource.Clear();
            LogRetried(context.Request.Path.Value ?? "", exception.Message);
            context.Response.Clear();
            await next(context);
        }
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Read {Path} retried once on a fresh connection: {Reason}")]
    private partial void LogRetried(string path, string reason);
}
