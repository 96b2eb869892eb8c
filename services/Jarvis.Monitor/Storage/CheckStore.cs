using System.Text.Json;
using Jarvis.Monitor.Model;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Monitor.Storage;

/// <summary>The checks people defined, in <c>monitor.checks</c> (the built-in ones are not stored).</summary>
public sealed class CheckStore(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<CheckDefinition>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT definition FROM monitor.checks ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checks = new List<CheckDefinition>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checks.Add(Deserialize(reader.GetString(0)));
        }

        return checks;
    }

    public async Task<CheckDefinition?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT definition FROM monitor.checks WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Deserialize(json) : null;
    }

    /// <summary>Inserts; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await using var command = database.CreateCommand(
            "INSERT INTO monitor.checks (id, definition) VALUES (@id, @definition) ON CONFLICT (id) DO NOTHING");
        command.Parameters.AddWithValue("id", check.Id);
        command.Parameters.AddWithValue("definition", NpgsqlDbType.Jsonb, Serialize(check));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces; false when there is no such check.</summary>
    public async Task<bool> UpdateAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        await using var command = database.CreateCommand(
            "UPDATE monitor.checks SET definition = @definition, updated_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", check.Id);
        command.Parameters.AddWithValue("definition", NpgsqlDbType.Jsonb, Serialize(check));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes the check and closes its open incident; false when there is no such check.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH gone AS (DELETE FROM monitor.checks WHERE id = @id RETURNING id),
            closed AS (
                UPDATE monitor.incidents SET ended_at = now()
                WHERE check_id IN (SELECT id FROM gone) AND ended_at IS NULL)
            SELECT count(*) FROM gone
            """);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is long and > 0;
    }

    private static string Serialize(CheckDefinition check) => JsonSerializer.Serialize(check, MonitorJsonContext.Default.CheckDefinition);

    private static CheckDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize(json, MonitorJsonContext.Default.CheckDefinition) ?? throw new JsonException("A stored check is null.");
}
