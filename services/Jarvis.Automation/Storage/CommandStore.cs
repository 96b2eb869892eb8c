using System.Text;
using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Model;
using Jarvis.Automation.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Device commands: each is a record linking the entity to the outbox messages it became, queued in the same
/// transaction, so that a command is accepted if and only if its messages will be published. Its status is read
/// from the outbox: every message sent is <c>sent</c>; any expired or failed makes it so; else <c>queued</c>.
/// </summary>
public sealed class CommandStore(NpgsqlDataSource database, MqttOutbox outbox, OutboxSignal signal)
{
    public async Task<Guid> SendAsync(Guid entityRow, string entityId, string command, IReadOnlyList<OutboundMessage> messages, Guid? userId, CancellationToken cancellationToken) =>
        (await SendAsync(entityRow, entityId, command, messages, userId, null, cancellationToken)).Id;

    /// <summary>
    /// As <see cref="SendAsync(Guid, string, string, IReadOnlyList{OutboundMessage}, Guid?, CancellationToken)"/>, once per
    /// <paramref name="idempotencyKey"/> (an automation's run id + step path): a second send with the same key queues
    /// nothing and answers the first command's id with <c>Duplicate</c> true.
    /// </summary>
    public async Task<(Guid Id, bool Duplicate)> SendAsync(Guid entityRow, string entityId, string command, IReadOnlyList<OutboundMessage> messages, Guid? userId,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var id = Guid.CreateVersion7();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (idempotencyKey is not null && await FindAsync(connection, idempotencyKey, cancellationToken) is { } existing)
        {
            return (existing, true);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = new List<Guid>();
        foreach (var message in messages)
        {
            // At least QoS 1, whatever the device's own: the broker's acknowledgement is what "sent" means.
            var outboxMessage = new OutboxMessage(message.Topic, Encoding.UTF8.GetBytes(message.Payload), Math.Max(1, message.Qos), message.Retain);
            queued.Add(await outbox.EnqueueAsync(outboxMessage, connection, transaction, cancellationToken));
        }

        await using (var insert = new NpgsqlCommand("""
            INSERT INTO automation.device_commands (id, entity, entity_id, command, outbox_ids, user_id, idempotency_key)
            VALUES (@id, @entity, @entity_id, @command, @outbox, @user, @key)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter<string?>("key", idempotencyKey) { NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("entity", entityRow);
            insert.Parameters.AddWithValue("entity_id", entityId);
            insert.Parameters.Add(new NpgsqlParameter<string>("command", command) { NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.AddWithValue("outbox", queued.ToArray());
            insert.Parameters.Add(new NpgsqlParameter<Guid?>("user", userId) { NpgsqlDbType = NpgsqlDbType.Uuid });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // The same step sent it meanwhile: its messages stand, these are dropped.
                await transaction.RollbackAsync(cancellationToken);
                return (await FindAsync(connection, idempotencyKey!, cancellationToken) ?? id, true);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return (id, false);
    }

    private static async Task<Guid?> FindAsync(NpgsqlConnection connection, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand("SELECT id FROM automation.device_commands WHERE idempotency_key = @key", connection);
        find.Parameters.AddWithValue("key", idempotencyKey);
        return await find.ExecuteScalarAsync(cancellationToken) is Guid found ? found : null;
    }

    public async Task<CommandStatus?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT c.id, c.entity_id, c.command::text, c.created_at, o.status, o.finished_at, o.error
            FROM automation.device_commands c
            LEFT JOIN automation.mqtt_outbox o ON o.id = ANY(c.outbox_ids)
            WHERE c.id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        CommandStatus? found = null;
        var statuses = new List<(string Status, DateTimeOffset? FinishedAt, string? Error)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found ??= new CommandStatus(reader.GetGuid(0), reader.GetString(1), "queued", reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), null, null);
            if (!reader.IsDBNull(4))
            {
                statuses.Add((reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        if (found is null)
        {
            return null;
        }

        if (statuses.Count == 0)
        {
            return found with { Status = "failed", Error = "the outbox no longer holds this command's messages" };
        }

        var worst = statuses.FirstOrDefault(s => s.Status is "failed" or "expired");
        if (worst.Status is not null)
        {
            return found with { Status = worst.Status, FinishedAt = worst.FinishedAt, Error = worst.Error };
        }

        return statuses.TrueForAll(s => s.Status == "sent")
            ? found with { Status = "sent", FinishedAt = statuses.Max(s => s.FinishedAt) }
            : found;
    }
}
