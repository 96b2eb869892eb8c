using Jarvis.Monitor.Model;
using Npgsql;

namespace Jarvis.Monitor.Storage;

/// <summary>Reading history (raw attempts or hourly rollups), uptime ratios, and the leader's rollup and pruning.</summary>
public sealed class HistoryStore(NpgsqlDataSource database)
{
    public async Task<IReadOnlyList<HistoryPoint>> RawAsync(string checkId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT at, ok, status, latency_ms, message FROM monitor.results
            WHERE check_id = @id AND at >= @from AND at < @to ORDER BY at DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", checkId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var maintenance = reader.GetInt16(2) == (short)CheckStatus.Maintenance;
            double? latency = reader.IsDBNull(3) ? null : reader.GetFloat(3);
            points.Add(new HistoryPoint(reader.GetFieldValue<DateTimeOffset>(0), 1, reader.GetBoolean(1) ? 1 : 0, maintenance ? 1 : 0,
                latency, latency, reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return points;
    }

    public async Task<IReadOnlyList<HistoryPoint>> HourlyAsync(string checkId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT hour, total, up, maintenance, avg_latency_ms, max_latency_ms FROM monitor.hourly
            WHERE check_id = @id AND hour >= date_trunc('hour', @from) AND hour < @to ORDER BY hour DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("id", checkId);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var points = new List<HistoryPoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new HistoryPoint(reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetFloat(4), reader.IsDBNull(5) ? null : reader.GetFloat(5), null));
        }

        return points;
    }

    /// <summary>Each check's uptime over 24 h, 7, 30 and 365 days, from the hourly rollups (attempts in maintenance left out).</summary>
    public async Task<IReadOnlyDictionary<string, UptimeRatios>> UptimeAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT check_id,
                sum(up) FILTER (WHERE hour >= now() - interval '24 hours')::float8
                    / nullif(sum(total - maintenance) FILTER (WHERE hour >= now() - interval '24 hours'), 0),
                sum(up) FILTER (WHERE hour >= now() - interval '7 days')::float8
                    / nullif(sum(total - maintenance) FILTER (WHERE hour >= now() - interval '7 days'), 0),
                sum(up) FILTER (WHERE hour >= now() - interval '30 days')::float8
                    / nullif(sum(total - maintenance) FILTER (WHERE hour >= now() - interval '30 days'), 0),
                sum(up)::float8 / nullif(sum(total - maintenance), 0)
            FROM monitor.hourly WHERE hour >= now() - interval '365 days'
            GROUP BY check_id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ratios = new Dictionary<string, UptimeRatios>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            double? At(int i) => reader.IsDBNull(i) ? null : Math.Round(Math.Min(1, reader.GetDouble(i)), 6);
            ratios[reader.GetString(0)] = new UptimeRatios(At(1), At(2), At(3), At(4));
        }

        return ratios;
    }

    /// <summary>Folds the raw results of the last two hours into their rollups (idempotent: the current hour is recomputed).</summary>
    public async Task RollUpAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO monitor.hourly AS h (check_id, hour, total, up, maintenance, avg_latency_ms, max_latency_ms)
            SELECT check_id, date_trunc('hour', at), count(*),
                   count(*) FILTER (WHERE ok AND status <> 3), count(*) FILTER (WHERE status = 3),
                   avg(latency_ms), max(latency_ms)
            FROM monitor.results
            WHERE at >= date_trunc('hour', now() - interval '1 hour')
            GROUP BY check_id, date_trunc('hour', at)
            ON CONFLICT (check_id, hour) DO UPDATE SET
                total = excluded.total, up = excluded.up, maintenance = excluded.maintenance,
                avg_latency_ms = excluded.avg_latency_ms, max_latency_ms = excluded.max_latency_ms
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task PruneAsync(int rawDays, int hourlyDays, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            DELETE FROM monitor.results WHERE at < now() - make_interval(days => @raw);
            DELETE FROM monitor.hourly WHERE hour < now() - make_interval(days => @hourly);
            DELETE FROM monitor.deliveries WHERE created_at < now() - make_interval(days => @raw) AND (delivered_at IS NOT NULL OR gave_up);
            """);
        command.Parameters.AddWithValue("raw", rawDays);
        command.Parameters.AddWithValue("hourly", hourlyDays);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
