using FluentMigrator.Runner;
using Npgsql;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>
/// Applies the plugins schema's migrations under a PostgreSQL advisory lock on its own
/// connection, so replicas that start together migrate one after the other.
/// </summary>
internal sealed class PluginsMigrations(string connectionString)
{
    // "JRVPLUGN" in ASCII: any constant every plugins replica shares.
    private const long LockKey = 0x4A5256504C55474E;

    public Task MigrateUpAsync(CancellationToken cancellationToken = default) => RunLockedAsync(r => r.MigrateUp(), cancellationToken);

    /// <summary>Rolls back every migration newer than <paramref name="version"/> (0 drops the kv table).</summary>
    public Task MigrateDownAsync(long version, CancellationToken cancellationToken = default) => RunLockedAsync(r => r.MigrateDown(version), cancellationToken);

    private async Task RunLockedAsync(Action<IMigrationRunner> migrate, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var services = new ServiceCollection()
                .AddFluentMigratorCore()
                .ConfigureRunner(runner => runner
                    .AddPostgres()
                    .WithGlobalConnectionString(connectionString)
                    .WithVersionTable(new PluginsVersionTable())
                    .ScanIn(typeof(PluginsMigrations).Assembly).For.Migrations())
                .AddLogging()
                .BuildServiceProvider(validateScopes: false);
            using var scope = services.CreateScope();
            migrate(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = LockKey });
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
