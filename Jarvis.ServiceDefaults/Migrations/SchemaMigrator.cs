using System.Reflection;
using System.Text.RegularExpressions;
using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>
/// Runs one service schema's FluentMigrator migrations (those in <paramref name="migrations"/>) while
/// holding a PostgreSQL advisory lock on a dedicated connection, so replicas starting together apply
/// them once, one after the other. Every service that owns a schema migrates through this.
/// </summary>
public sealed partial class SchemaMigrator(string connectionString, string schema, long lockKey, Assembly migrations)
{
    private readonly string _schema = SchemaName().IsMatch(schema)
        ? schema
        : throw new ArgumentException("A schema name is lowercase letters and underscores.", nameof(schema));

    public Task MigrateUpAsync(CancellationToken cancellationToken = default) =>
        RunLockedAsync(runner => runner.MigrateUp(), afterMigration: null, cancellationToken);

    public Task MigrateUpAsync(long version, CancellationToken cancellationToken = default) =>
        RunLockedAsync(runner => runner.MigrateUp(version), afterMigration: null, cancellationToken);

    /// <summary>Rolls back every migration newer than <paramref name="version"/> (0 removes the schema's tables).</summary>
    public Task MigrateDownAsync(long version, CancellationToken cancellationToken = default) =>
        RunLockedAsync(runner => runner.MigrateDown(version), afterMigration: null, cancellationToken);

    /// <summary>Applies every migration, then runs <paramref name="afterMigration"/> while the lock is still held.</summary>
    public Task MigrateUpAsync(Func<NpgsqlConnection, CancellationToken, Task> afterMigration, CancellationToken cancellationToken = default) =>
        RunLockedAsync(runner => runner.MigrateUp(), afterMigration, cancellationToken);

    /// <summary>The schema this migrator owns.</summary>
    public string Schema => _schema;

    /// <summary>The applied versions, oldest first.</summary>
    public async Task<IReadOnlyList<long>> AppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{_schema}.schema_version') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return [];
        }

        await using var command = new NpgsqlCommand($"SELECT version FROM {_schema}.schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt64(0));
        }

        return versions;
    }

    private async Task RunLockedAsync(Action<IMigrationRunner> migrate, Func<NpgsqlConnection, CancellationToken, Task>? afterMigration, CancellationToken cancellationToken)
    {
        await using var lockConnection = new NpgsqlConnection(connectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            take.Parameters.AddWithValue("key", lockKey);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using (var services = CreateServices())
            {
                using var scope = services.CreateScope();
                migrate(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
            }

            if (afterMigration is not null)
            {
                await afterMigration(lockConnection, cancellationToken);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", lockConnection);
            release.Parameters.AddWithValue("key", lockKey);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private ServiceProvider CreateServices() => new ServiceCollection()
        .AddFluentMigratorCore()
        .ConfigureRunner(runner => runner
            .AddPostgres()
            .WithGlobalConnectionString(connectionString)
            .WithVersionTable(new SchemaVersionTable(_schema))
            .ScanIn(migrations).For.Migrations())
        .AddLogging(logging => logging.AddConsole().SetMinimumLevel(LogLevel.Warning))
        .BuildServiceProvider(validateScopes: false);

    [GeneratedRegex("^[a-z_]{1,63}$")]
    private static partial Regex SchemaName();
}
