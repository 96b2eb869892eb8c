using System.Net.Sockets;
using Npgsql;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>
/// What a database failure means for the caller, in one place for every service: a server that is
/// down, restarting or refusing connections is "try again shortly" (503 with <c>Retry-After</c>),
/// never a 500.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>The <c>Retry-After</c> a 503 for an unavailable database carries, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>True when <paramref name="exception"/> (or one inside it) says PostgreSQL is not there right now.</summary>
    public static bool IsUnavailable(Exception? exception) => Find(exception) is { } found && (IsBroken(found) || IsRefusal(found));

    /// <summary>
    /// True when the connection the command ran on is dead: a socket error, or the server ending every
    /// session (57P01 admin shutdown, 57P02 crash shutdown, class 08 connection exceptions). The pool's
    /// other idle connections died with it.
    /// </summary>
    public static bool IsBrokenConnection(Exception? exception) => Find(exception) is { } found && IsBroken(found);

    /// <summary>
    /// After a broken connection, drops the pool's idle connections: they were opened to the server
    /// that went away, and each would fail its next command in turn.
    /// </summary>
    public static void ForgetDeadConnections(NpgsqlDataSource? dataSource, Exception exception)
    {
        if (dataSource is not null && IsBrokenConnection(exception))
        {
            dataSource.Clear();
        }
    }

    private static NpgsqlException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException npgsql)
            {
                return npgsql;
            }
        }

        return null;
    }

    private static bool IsBroken(NpgsqlException exception) => exception switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        _ => exception.IsTransient || exception.InnerException is IOException or SocketException or TimeoutException,
    };

    // The server is up but not taking sessions yet, or has no slot left.
    private static bool IsRefusal(NpgsqlException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections };
}
