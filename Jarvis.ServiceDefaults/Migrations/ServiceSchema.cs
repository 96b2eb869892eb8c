using System.Reflection;
using FluentMigrator;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>
/// A service's own schema: its name, the advisory lock its replicas share while migrating, and the
/// assembly holding its FluentMigrator migrations (one schema per assembly).
/// </summary>
public sealed record ServiceSchema(string Name, long LockKey, Assembly Migrations)
{
    /// <summary>The connection every service's schema lives behind.</summary>
    public const string ConnectionName = "jarvisdb";

    /// <summary>The newest version the code knows.</summary>
    public long LatestVersion { get; } = Migrations.GetTypes()
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Version ?? 0)
        .DefaultIfEmpty(0)
        .Max();

    public SchemaMigrator Migrator(string connectionString) => new(connectionString, Name, LockKey, Migrations);
}
