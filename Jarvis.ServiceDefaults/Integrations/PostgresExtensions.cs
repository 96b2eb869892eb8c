using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>The PostgreSQL client every service uses: Aspire.Npgsql, with Jarvis's tuning.</summary>
public static class PostgresExtensions
{
    /// <summary>The configuration key that caps the connection pool (audit finding 3).</summary>
    public const string MaxPoolSizeKey = "Jarvis:Database:MaxPoolSize";

    /// <summary>The readiness check's name in <c>/health</c>.</summary>
    public const string HealthCheckName = "postgres";

    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c> through Aspire.Npgsql
    /// (health check, metrics, logging), traced only when traces are exported, with
    /// <c>Jarvis:Database:MaxPoolSize</c> capping the pool.
    /// </summary>
    public static TBuilder AddJarvisNpgsqlDataSource<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var maxPool = builder.Configuration.GetValue<int?>(MaxPoolSizeKey);
        if (maxPool is < 1 or > 1000)
        {
            throw new InvalidOperationException($"{MaxPoolSizeKey} must be between 1 and 1000.");
        }

        var applicationName = builder.Environment.ApplicationName;
        builder.AddNpgsqlDataSource(
            connectionName,
            settings => settings.DisableTracing = !builder.TracesExported(),
            configureDataSourceBuilder: dataSource =>
            {
                var csb = dataSource.ConnectionStringBuilder;
                if (maxPool is { } max)
                {
                    csb.MaxPoolSize = max;
                }

                csb.ApplicationName ??= applicationName;
                // A pooled connection handed out again is not reset: Npgsql would otherwise send seven
                // statements (CLOSE ALL, RESET ALL, UNLISTEN *, pg_advisory_unlock_all(), …) ahead of the next
                // command, which costs PostgreSQL more than a message send itself. Safe because no service
                // leaves session state on a pooled connection: no SET, LISTEN, temporary table or
                // session-level advisory lock (the schema migrator's lock uses a connection of its own and
                // releases it; the plugin store's lock is transaction-scoped). Chat's explicitly prepared
                // statements survive on the pooled connection for the same reason.
                csb.NoResetOnClose = true;
            });

        builder.RenameHealthCheck("PostgreSql", HealthCheckName, TimeSpan.FromSeconds(3));
        // The database restarting is a 503 with Retry-After, not a 500 (a read is retried first: DatabaseReadRetry).
        builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return builder;
    }
}
