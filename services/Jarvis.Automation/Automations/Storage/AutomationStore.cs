using System.Text.Json.Nodes;
using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Automations.Storage;

/// <summary>Automations and their versions (<c>automation.automations</c>, <c>automation.automation_versions</c>): every edit is a new version; earlier ones are kept.</summary>
public sealed class AutomationStore(NpgsqlDataSource database)
{
    private const string Columns = "a.id, a.alias, a.enabled, a.version, a.definition::text, a.created_at, a.updated_at, a.last_triggered, a.run_counts::text";

    public async Task<Guid> CreateAsync(string alias, JsonObject definition, string source, string format, Guid? userId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO automation.automations (id, alias, version, definition) VALUES (@id, @alias, 1, @definition)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("alias", alias);
            insert.Parameters.Add(new NpgsqlParameter<string>("definition", definition.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertVersionAsync(connection, transaction, id, 1, definition, source, format, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Saves a new version; null when there is no such automation.</summary>
    public async Task<int?> UpdateAsync(Guid id, string alias, JsonObject definition, string source, string format, Guid? userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int version;
        await using (var update = new NpgsqlCommand("""
            UPDATE automation.automations SET alias = @alias, version = version + 1, definition = @definition, updated_at = now()
            WHERE id = @id RETURNING version
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("alias", alias);
            update.Parameters.Add(new NpgsqlParameter<string>("definition", definition.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (await update.ExecuteScalarAsync(cancellationToken) is not int next)
            {
                return null;
            }

            version = next;
        }

        await InsertVersionAsync(connection, transaction, id, version, definition, source, format, userId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<bool> SetEnabledAsync(Guid id, bool enabled, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("UPDATE automation.automations SET enabled = @enabled, updated_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("enabled", enabled);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM automation.automations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<AutomationView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        AutomationView? view;
        await using (var command = new NpgsqlCommand($"SELECT {Columns} FROM automation.automations a WHERE a.id = @id", connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            view = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (view is null)
        {
            return null;
        }

        var versions = new List<AutomationVersion>();
        await using (var command = new NpgsqlCommand(
            "SELECT version, created_at, created_by, format, source FROM automation.automation_versions WHERE automation = @id ORDER BY version DESC", connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(new AutomationVersion(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetGuid(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        return view with { Versions = versions };
    }

    public async Task<Page<AutomationView>> ListAsync(PageRequest<Guid> page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM automation.automations a
            WHERE @before::uuid IS NULL OR a.id < @before ORDER BY a.id DESC LIMIT @limit
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("before", page.Before) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.AddWithValue("limit", page.Limit + 1);
        var rows = new List<AutomationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return Paging.Cut(rows, page.Limit, a => a.Id.ToString());
    }

    /// <summary>Every automation's current version, for the runtime's catalog.</summary>
    public async Task<List<StoredAutomation>> LoadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id, version, enabled, definition::text FROM automation.automations");
        var all = new List<StoredAutomation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            all.Add(new StoredAutomation(reader.GetGuid(0), reader.GetInt32(1), reader.GetBoolean(2), (JsonObject)JsonNode.Parse(reader.GetString(3))!));
        }

        return all;
    }

    public async Task<StoredAutomation?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT id, version, enabled, definition::text FROM automation.automations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredAutomation(reader.GetGuid(0), reader.GetInt32(1), reader.GetBoolean(2), (JsonObject)JsonNode.Parse(reader.GetString(3))!)
            : null;
    }

    private static async Task InsertVersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, int version, JsonObject definition,
        string source, string format, Guid? userId, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO automation.automation_versions (automation, version, definition, source, format, created_by)
            VALUES (@id, @version, @definition, @source, @format, @user)
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("version", version);
        insert.Parameters.Add(new NpgsqlParameter<string>("definition", definition.ToJsonString()) { NpgsqlDbType = NpgsqlDbType.Jsonb });
        insert.Parameters.AddWithValue("source", source);
        insert.Parameters.AddWithValue("format", format);
        insert.Parameters.Add(new NpgsqlParameter<Guid?>("user", userId) { NpgsqlDbType = NpgsqlDbType.Uuid });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AutomationView Read(NpgsqlDataReader reader)
    {
        var counts = (JsonNode.Parse(reader.GetString(8)) as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value?.GetValue<long>() ?? 0, StringComparer.Ordinal);
        return new AutomationView(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3), (JsonObject)JsonNode.Parse(reader.GetString(4))!,
            reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7), counts, null);
    }
}
