using System.Text.Json.Nodes;
using Jarvis.Automation.Model;
using Npgsql;

namespace Jarvis.Automation.Storage;

/// <summary>Reads history rows as events: after an id (the feed, a resumed stream) or for one entity (the history API).</summary>
public sealed class StateHistoryReader(NpgsqlDataSource database)
{
    private const string Columns = "h.id, e.entity_id, h.kind, h.state, h.attributes::text, h.available, h.recorded_at";

    /// <summary>Rows with ids above <paramref name="after"/> (and at most <paramref name="upTo"/>), oldest first.</summary>
    public async Task<List<StateEvent>> AfterAsync(long after, long upTo, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM automation.state_history h JOIN automation.entities e ON e.id = h.entity
            WHERE h.id > @after AND h.id <= @up_to ORDER BY h.id LIMIT @limit
            """);
        command.Parameters.AddWithValue("after", after);
        command.Parameters.AddWithValue("up_to", upTo);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The highest history id stored so far.</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT coalesce(max(id), 0) FROM automation.state_history");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>One entity's history, newest first, between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public async Task<Page<StateEvent>> ForEntityAsync(string entityId, DateTimeOffset? from, DateTimeOffset? to, PageRequest<long> page, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            SELECT {Columns} FROM automation.state_history h JOIN automation.entities e ON e.id = h.entity
            WHERE e.entity_id = @entity_id
              AND (@from::timestamptz IS NULL OR h.recorded_at >= @from)
              AND (@to::timestamptz IS NULL OR h.recorded_at <= @to)
              AND (@before::bigint IS NULL OR h.id < @before)
            ORDER BY h.id DESC LIMIT @take
            """);
        command.Parameters.AddWithValue("entity_id", entityId);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", from) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", to) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<long?>("before", page.Before) { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.AddWithValue("take", page.Limit + 1);
        var rows = await ReadAsync(command, cancellationToken);
        return Paging.Cut(rows, page.Limit, r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<List<StateEvent>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<StateEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StateEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                JsonNode.Parse(reader.GetString(4)) as JsonObject ?? [],
                reader.IsDBNull(5) ? null : reader.GetBoolean(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return rows;
    }
}
