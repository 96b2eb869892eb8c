using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary>The plugins schema's migrations, run under the plugins replicas' advisory lock.</summary>
internal sealed class PluginsMigrations(string connectionString)
{
    // "JRVPLUGN" in ASCII: any constant every plugins replica shares.
    private const long LockKey = 0x4A5256504C55474E;

    private readonly SchemaMigrator _migrator = new(connectionString, "plugins", LockKey, typeof(PluginsMigrations).Assembly);

    public Task MigrateUpAsync(CancellationToken cancellationToken = default) => _migrator.MigrateUpAsync(cancellationToken);

    /// <summary>Rolls back every migration newer than <paramref name="version"/> (0 drops the kv table).</summary>
    public Task MigrateDownAsync(long version, CancellationToken cancellationToken = default) => _migrator.MigrateDownAsync(version, cancellationToken);
}
