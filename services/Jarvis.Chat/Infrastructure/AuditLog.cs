using System.Text.Json;
using Jarvis.Chat.Model;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Chat.Infrastructure;

/// <summary>Critical actions: written in the transaction of the action itself where there is one.</summary>
public sealed class AuditLog(NpgsqlDataSource db)
{
    private const string ListColumns = "id, occurred_at, actor_id, actor_name, action, target_type, target_id, remote_address, details::text";

    private const string ListFirstSql = $"SELECT {ListColumns} FROM chat.audit_log ORDER BY id DESC LIMIT @take";

    private const string ListAfterSql = $"SELECT {ListColumns} FROM chat.audit_log WHERE id < @before ORDER BY id DESC LIMIT @take";

    private const string InsertSql = """
        INSERT INTO chat.audit_log (actor_id, actor_name, action, target_type, target_id, remote_address, details)
        VALUES (@actor, @actorName, @action, @targetType, @targetId, @remote, @details)
        """;

    public async Task WriteAsync(AuditActor actor, string action, string? targetType, string? targetId, object? details, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await WriteAsync(connection, null, actor, action, targetType, targetId, details, cancellationToken);
    }

    public async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, AuditActor actor, string action,
        string? targetType, string? targetId, object? details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var command = new NpgsqlCommand(InsertSql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("actor", actor.Id) { NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(Text("actorName", actor.Name));
        command.Parameters.AddWithValue("action", action);
        command.Parameters.Add(Text("targetType", targetType));
        command.Parameters.Add(Text("targetId", targetId));
        command.Parameters.Add(Text("remote", actor.RemoteAddress));
        command.Parameters.Add(new NpgsqlParameter<string?>("details", details is null ? null : JsonSerializer.Serialize(details, JsonSerializerOptions.Web))
        {
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest first.</summary>
    public async Task<Page<AuditEntry>> ListAsync(PageRequest<long> page, CancellationToken cancellationToken)
    {
        var items = await PageQuery.ReadAsync(db, page.Before is null ? ListFirstSql : ListAfterSql, parameters =>
        {
            if (page.Before is { } before)
            {
                parameters.AddWithValue("before", before);
            }

            parameters.AddWithValue("take", page.Limit + 1);
        }, ReadEntry, cancellationToken);
        return Paging.Cut(items, page.Limit, e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static NpgsqlParameter<string?> Text(string name, string? value) => new(name, value) { NpgsqlDbType = NpgsqlDbType.Text };

    private static AuditEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetFieldValue<DateTimeOffset>(1),
        reader.IsDBNull(2) ? null : reader.GetGuid(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : JsonSerializer.Deserialize<JsonElement>(reader.GetString(8)));
}
