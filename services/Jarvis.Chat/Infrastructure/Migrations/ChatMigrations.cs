using Jarvis.ServiceDefaults.Integrations;
using Npgsql;

namespace Jarvis.Chat.Infrastructure.Migrations;

/// <summary>The chat schema's migrations, run under the chat replicas' advisory lock.</summary>
public sealed class ChatMigrations(string connectionString)
{
    // Any constant shared by every chat replica; "JARVCHAT" in ASCII.
    internal const long LockKey = 0x4A41525643484154;

    private readonly SchemaMigrator _migrator = new(connectionString, "chat", LockKey, typeof(ChatMigrations).Assembly);

    /// <summary>The newest version the code knows.</summary>
    public static long LatestVersion => 4;

    public Task MigrateUpAsync(CancellationToken cancellationToken = default) => _migrator.MigrateUpAsync(cancellationToken);

    public Task MigrateUpAsync(long version, CancellationToken cancellationToken = default) => _migrator.MigrateUpAsync(version, cancellationToken);

    /// <summary>Rolls back every migration newer than <paramref name="version"/> (0 removes the schema's tables).</summary>
    public Task MigrateDownAsync(long version, CancellationToken cancellationToken = default) => _migrator.MigrateDownAsync(version, cancellationToken);

    /// <summary>Applies every migration, then runs <paramref name="afterMigration"/> while the lock is still held.</summary>
    public Task MigrateUpAsync(Func<NpgsqlConnection, CancellationToken, Task> afterMigration, CancellationToken cancellationToken = default) =>
        _migrator.MigrateUpAsync(afterMigration, cancellationToken);

    /// <summary>The applied versions, oldest first.</summary>
    public Task<IReadOnlyList<long>> AppliedVersionsAsync(CancellationToken cancellationToken = default) => _migrator.AppliedVersionsAsync(cancellationToken);
}
