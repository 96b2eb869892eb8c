using Npgsql;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>
/// Data a service needs once its schema is up to date (the first admin), written at start while the
/// migration lock is still held, so replicas starting together write it once.
/// </summary>
public interface ISchemaSeed
{
    /// <param name="connection">The connection holding the lock; use it for the seed.</param>
    Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}
