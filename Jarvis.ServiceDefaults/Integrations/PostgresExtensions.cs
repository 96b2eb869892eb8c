using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Trace;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>The PostgreSQL client a service uses, in the shape of Aspire.Npgsql.</summary>
public static class PostgresExtensions
{
    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c>, traced,
    /// with a readiness check. <c>Jarvis:Database:MaxPoolSize</c> caps the pool (audit finding 3).
    /// </summary>
    public static TBuilder AddNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        var maxPool = builder.Configuration.GetValue<int?>("Jarvis:Database:MaxPoolSize");
        if (maxPool is { } max)
        {
            if (max is < 1 or > 1000)
            {
                throw new InvalidOperationException("Jarvis:Database:MaxPoolSize must be between 1 and 1000.");
            }

            csb.MaxPoolSize = max;
        }

        csb.ApplicationName ??= builder.Environment.ApplicationName;
        // A pooled connection handed out again is not reset: Npgsql would otherwise send seven
        // statements (CLOSE ALL, RESET ALL, UNLISTEN *, pg_advisory_unlock_all(), …) ahead of the next
        // command, which costs PostgreSQL more than a message send itself. Safe because no service
        // leaves session state on a pooled connection: no SET, LISTEN, temporary table or
        // session-level advisory lock (the schema migrator's lock uses a connection of its own and
        // releases it; the plugin store's lock is transaction-scoped).
        csb.NoResetOnClose = true;
        builder.Services.AddNpgsqlDataSource(csb.ConnectionString);
        // The database restarting is a 503 with Retry-After, not a 500 (a read is retried first: DatabaseReadRetry).
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        if (builder.TracesExported())
        {
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddNpgsql());
        }

        builder.Services.AddHealthChecks().AddNpgSql(name: "postgres", tags: [Extensions.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}
