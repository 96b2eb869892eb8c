using System.Text;
using Jarvis.Automation.Mqtt;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Automation.Outbox;

/// <summary>
/// The durable outbox (<c>automation.mqtt_outbox</c>): a message is accepted by storing it, and
/// <see cref="OutboxPublisher"/> publishes it when the broker is there, in order per topic. Its status
/// (<see cref="OutboxStatus"/>) can be asked by id at any time; nothing leaves the table silently.
/// </summary>
public sealed class MqttOutbox(NpgsqlDataSource database, OutboxSignal signal, IOptions<MqttOptions> options)
{
    /// <summary>The largest payload accepted; commands are small, and the broker's own limit may be lower still.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    /// <summary>Stores the message and returns its id; it is published as soon as it can be.</summary>
    public async Task<Guid> EnqueueAsync(OutboxMessage message, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var id = await EnqueueAsync(message, connection, null, cancellationToken);
        signal.Notify();
        return id;
    }

    /// <summary>
    /// Stores the message inside the caller's transaction, so that it is queued if and only if the caller's
    /// own change commits. The publisher finds it at its next poll.
    /// </summary>
    public async Task<Guid> EnqueueAsync(OutboxMessage message, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(connection);
        Validate(message);
        var id = Guid.CreateVersion7();
        await using var command = new NpgsqlCommand("""
            INSERT INTO automation.mqtt_outbox (id, topic, payload, qos, retain, expires_at)
            VALUES (@id, @topic, @payload, @qos, @retain, now() + @ttl)
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("topic", message.Topic);
        command.Parameters.AddWithValue("payload", message.Payload.ToArray());
        command.Parameters.AddWithValue("qos", (short)message.QualityOfService);
        command.Parameters.AddWithValue("retain", message.Retain);
        command.Parameters.AddWithValue("ttl", message.TimeToLive ?? options.Value.OutboxTimeToLive);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// Stores the message once per <paramref name="idempotencyKey"/> (an automation's run id + step path): a second
    /// enqueue with the same key stores nothing and answers the first message's id with <c>Duplicate</c> true.
    /// </summary>
    public async Task<(Guid Id, bool Duplicate)> EnqueueOnceAsync(OutboxMessage message, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        Validate(message);
        var id = Guid.CreateVersion7();
        await using var command = database.CreateCommand("""
            WITH inserted AS (
                INSERT INTO automation.mqtt_outbox (id, topic, payload, qos, retain, expires_at, idempotency_key)
                VALUES (@id, @topic, @payload, @qos, @retain, now() + @ttl, @key)
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id)
            SELECT id, false FROM inserted
            UNION ALL
            SELECT id, true FROM automation.mqtt_outbox WHERE idempotency_key = @key AND NOT EXISTS (SELECT 1 FROM inserted)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("topic", message.Topic);
        command.Parameters.AddWithValue("payload", message.Payload.ToArray());
        command.Parameters.AddWithValue("qos", (short)message.QualityOfService);
        command.Parameters.AddWithValue("retain", message.Retain);
        command.Parameters.AddWithValue("ttl", message.TimeToLive ?? options.Value.OutboxTimeToLive);
        command.Parameters.AddWithValue("key", idempotencyKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetBoolean(1)) : (id, true);
        if (!found.Item2)
        {
            signal.Notify();
        }

        return found;
    }

    /// <summary>The message's state, or null when no message has this id.</summary>
    public async Task<OutboxEntry?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT id, topic, status, created_at, expires_at, finished_at, attempts, error
            FROM automation.mqtt_outbox WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new OutboxEntry(
            reader.GetGuid(0),
            reader.GetString(1),
            ParseStatus(reader.GetString(2)),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    public static string StatusName(OutboxStatus status) => status switch
    {
        OutboxStatus.Queued => "queued",
        OutboxStatus.Sent => "sent",
        OutboxStatus.Expired => "expired",
        OutboxStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static OutboxStatus ParseStatus(string status) => status switch
    {
        "queued" => OutboxStatus.Queued,
        "sent" => OutboxStatus.Sent,
        "expired" => OutboxStatus.Expired,
        "failed" => OutboxStatus.Failed,
        _ => throw new InvalidOperationException($"Unknown outbox status '{status}'."),
    };

    private static void Validate(OutboxMessage message)
    {
        var topic = message.Topic;
        if (string.IsNullOrEmpty(topic) || topic.IndexOfAny(['+', '#', '\0']) >= 0 || Encoding.UTF8.GetByteCount(topic) > ushort.MaxValue)
        {
            throw new ArgumentException("An outbox topic is a non-empty MQTT topic name without wildcards, at most 65535 bytes.", nameof(message));
        }

        if (message.Payload.Length > MaxPayloadBytes)
        {
            throw new ArgumentException($"An outbox payload holds at most {MaxPayloadBytes} bytes.", nameof(message));
        }

        if (message.QualityOfService is < 0 or > 2)
        {
            throw new ArgumentException("QoS is 0, 1 or 2.", nameof(message));
        }

        if (message.TimeToLive is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentException("A time to live is positive.", nameof(message));
        }
    }
}
