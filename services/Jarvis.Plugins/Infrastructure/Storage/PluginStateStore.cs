using Jarvis.ServiceDefaults.Integrations;
using Npgsql;

namespace Jarvis.Plugins.Infrastructure.Storage;

/// <summary><c>plugins.states</c>: an admin's enable or disable of each plugin, read at start.</summary>
internal sealed class PluginStateStore(NpgsqlDataSource db)
{
    /// <summary>Every plugin an admin has enabled or disabled, by id.</summary>
    public async Task<IReadOnlyDictionary<string, bool>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("SELECT plugin_id, enabled FROM plugins.states");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new Dictionary<string, bool>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = reader.GetBoolean(1);
        }

        return states;
    }

    public async Task SaveAsync(string pluginId, bool enabled, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand("""
            INSERT INTO plugins.states (plugin_id, enabled, updated_at) VALUES ($1, $2, now())
            ON CONFLICT (plugin_id) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = pluginId });
        command.Parameters.Add(new NpgsqlParameter { Value = enabled });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            // A connection opened to a server that has since restarted: the next save opens a fresh one.
            DatabaseFailures.ForgetDeadConnections(db, ex);
            throw;
        }
    }
}
