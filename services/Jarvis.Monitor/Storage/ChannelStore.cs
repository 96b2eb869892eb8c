using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Model;
using Npgsql;

namespace Jarvis.Monitor.Storage;

/// <summary>Alert channels in <c>monitor.channels</c> and the deliveries made to them.</summary>
public sealed class ChannelStore(NpgsqlDataSource database)
{
    private const string Columns = "id, name, kind, enabled, url, secret IS NOT NULL, created_at, secret";

    public async Task<IReadOnlyList<AlertChannel>> AllAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM monitor.channels ORDER BY created_at, id");
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<AlertChannel?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"SELECT {Columns} FROM monitor.channels WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, cancellationToken)) is [var found, ..] ? found : null;
    }

    public async Task<AlertChannel> CreateAsync(string name, ChannelKind kind, bool enabled, string? url, string? secret, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            INSERT INTO monitor.channels (id, name, kind, enabled, url, secret) VALUES (@id, @name, @kind, @enabled, @url, @secret)
            RETURNING {Columns}
            """);
        Bind(command, Guid.CreateVersion7(), name, kind, enabled, url, secret);
        return (await ReadAsync(command, cancellationToken))[0];
    }

    /// <summary>Replaces name, kind, enabled and URL; the secret only when one is given (it is write-only).</summary>
    public async Task<AlertChannel?> UpdateAsync(Guid id, string name, ChannelKind kind, bool enabled, string? url, string? secret, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE monitor.channels SET name = @name, kind = @kind, enabled = @enabled, url = @url, secret = coalesce(@secret, secret)
            WHERE id = @id RETURNING {Columns}
            """);
        Bind(command, id, name, kind, enabled, url, secret);
        return (await ReadAsync(command, cancellationToken)) is [var updated, ..] ? updated : null;
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("DELETE FROM monitor.channels WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Queues a test alert to this channel alone; the delivery worker sends it like any other.</summary>
    public async Task QueueTestAsync(AlertChannel channel, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var alert = new Alert("test", "Test alert", AlertEvent.Test, CheckStatus.Up, at, null, $"A test of channel '{channel.Name}'.", null);
        await AlertKeeper.QueueAsync(connection, null, alert, cancellationToken, channel.Id);
    }

    /// <summary>Deliveries, newest first: to one channel (or the built-in MQTT one when <paramref name="channelId"/> is null and <paramref name="builtIn"/>), or all.</summary>
    public async Task<IReadOnlyList<Delivery>> DeliveriesAsync(Guid? channelId, string? checkId, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT d.id, d.channel_id, coalesce(c.name, 'MQTT jarvis/alerts'), d.event, d.check_id, d.attempts, d.created_at, d.delivered_at, d.gave_up, d.last_error
            FROM monitor.deliveries d LEFT JOIN monitor.channels c ON c.id = d.channel_id
            WHERE (@channel::uuid IS NULL OR d.channel_id = @channel) AND (@check::text IS NULL OR d.check_id = @check)
              AND (@before::bigint IS NULL OR d.id < @before)
            ORDER BY d.id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("channel", (object?)channelId ?? DBNull.Value);
        command.Parameters.AddWithValue("check", (object?)checkId ?? DBNull.Value);
        command.Parameters.AddWithValue("before", (object?)before ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deliveries = new List<Delivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new Delivery(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2),
                Enum.Parse<AlertEvent>(reader.GetString(3), ignoreCase: true), reader.GetString(4), reader.GetInt32(5),
                reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetBoolean(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return deliveries;
    }

    private static void Bind(NpgsqlCommand command, Guid id, string name, ChannelKind kind, bool enabled, string? url, string? secret)
    {
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("kind", kind.ToString().ToLowerInvariant());
        command.Parameters.AddWithValue("enabled", enabled);
        command.Parameters.AddWithValue("url", (object?)url ?? DBNull.Value);
        command.Parameters.AddWithValue("secret", NpgsqlTypes.NpgsqlDbType.Text, (object?)secret ?? DBNull.Value);
    }

    private static async Task<IReadOnlyList<AlertChannel>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var channels = new List<AlertChannel>();
        while (await reader.ReadAsync(cancellationToken))
        {
            channels.Add(new AlertChannel(reader.GetGuid(0), reader.GetString(1), Enum.Parse<ChannelKind>(reader.GetString(2), ignoreCase: true),
                reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5), reader.GetFieldValue<DateTimeOffset>(6))
            {
                Secret = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        }

        return channels;
    }
}
