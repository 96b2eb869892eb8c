using Jarvis.Monitor.Model;
using Npgsql;

namespace Jarvis.Monitor.Storage;

/// <summary>Reading incidents, newest first.</summary>
public sealed class IncidentStore(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<(long Seq, Incident Incident)>> PageAsync(string? checkId, bool openOnly, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT seq, id, check_id, started_at, ended_at, cause, muted FROM monitor.incidents
            WHERE (@check::text IS NULL OR check_id = @check) AND (NOT @open OR ended_at IS NULL) AND (@before::bigint IS NULL OR seq < @before)
            ORDER BY seq DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("check", (object?)checkId ?? DBNull.Value);
        command.Parameters.AddWithValue("open", openOnly);
        command.Parameters.AddWithValue("before", (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<(long, Incident)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var started = reader.GetFieldValue<DateTimeOffset>(3);
            DateTimeOffset? ended = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4);
            page.Add((reader.GetInt64(0), new Incident(reader.GetGuid(1), reader.GetString(2), started, ended,
                ended is { } e ? Math.Round((e - started).TotalSeconds, 3) : null, reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetBoolean(6))));
        }

        return page;
    }
}
