using Jarvis.Automation.Mqtt;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Npgsql;

namespace Jarvis.Automation.Outbox;

/// <summary>
/// Publishes the outbox. Each round takes the oldest queued row of each topic — only the oldest, so a
/// topic's messages go out in the order they were queued — locked <c>FOR UPDATE SKIP LOCKED</c>, so that
/// replicas share the work and never publish one row twice: a topic whose head another replica holds is
/// skipped, and its next row is not a head until that one is settled. A row is marked sent once the broker
/// acknowledged it; if the replica dies in between, the row is still queued and goes out again
/// (at least once, as MQTT QoS 1 itself). Rows past their time to live are marked expired, connected or not.
/// </summary>
public sealed partial class OutboxPublisher(
    NpgsqlDataSource database,
    MqttConnection connection,
    OutboxSignal signal,
    MqttMetrics metrics,
    IOptions<MqttOptions> options,
    ILogger<OutboxPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ExpireAsync(stoppingToken);
                if (connection.IsConnected && await PublishRoundAsync(settings.OutboxBatchSize, stoppingToken) > 0)
                {
                    continue;
                }

                // Woken by this replica's own enqueue, by the broker coming back, or by the poll for the others'.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var waits = new List<Task> { signal.WaitAsync(settings.OutboxPollInterval, wake.Token) };
                if (!connection.IsConnected)
                {
                    waits.Add(connection.WhenConnectedAsync(wake.Token));
                }

                await Task.WhenAny(waits);
                await wake.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(logger, ex);
                try
                {
                    await Task.Delay(settings.OutboxPollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ExpireAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            WITH due AS (
                SELECT id FROM automation.mqtt_outbox
                WHERE status = 'queued' AND expires_at <= now()
                FOR UPDATE SKIP LOCKED)
            UPDATE automation.mqtt_outbox o
            SET status = 'expired', finished_at = now(), error = 'not published within its time to live'
            FROM due WHERE o.id = due.id
            RETURNING o.id, o.topic, o.created_at
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            LogExpired(logger, reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        }

        if (count > 0)
        {
            metrics.Expired(count);
        }
    }

    /// <summary>Publishes the head of up to <paramref name="batch"/> topics; returns how many rows it settled.</summary>
    private async Task<int> PublishRoundAsync(int batch, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var heads = new List<(Guid Id, string Topic, byte[] Payload, short Qos, bool Retain, bool Expired)>();
        await using (var select = new NpgsqlCommand("""
            SELECT o.id, o.topic, o.payload, o.qos, o.retain, o.expires_at <= now()
            FROM automation.mqtt_outbox o
            WHERE o.status = 'queued'
              AND NOT EXISTS (SELECT 1 FROM automation.mqtt_outbox e
                              WHERE e.topic = o.topic AND e.status = 'queued' AND e.seq < o.seq)
            ORDER BY o.seq
            LIMIT @batch
            FOR UPDATE OF o SKIP LOCKED
            """, db, transaction))
        {
            select.Parameters.AddWithValue("batch", batch);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                heads.Add((reader.GetGuid(0), reader.GetString(1), (byte[])reader[2], reader.GetInt16(3), reader.GetBoolean(4), reader.GetBoolean(5)));
            }
        }

        var settled = 0;
        foreach (var row in heads)
        {
            if (row.Expired)
            {
                await SettleAsync(db, transaction, row.Id, "expired", "not published within its time to live", cancellationToken);
                metrics.Expired(1);
                LogExpired(logger, row.Id, row.Topic, null);
                settled++;
                continue;
            }

            MqttClientPublishResult result;
            try
            {
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(row.Topic)
                    .WithPayload(row.Payload)
                    .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)row.Qos)
                    .WithRetainFlag(row.Retain)
                    .Build();
                result = await connection.PublishAsync(message, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The connection went: this row and the rest stay queued for the next connection.
                LogPublishInterrupted(logger, row.Id, row.Topic, ex.Message);
                await CountAttemptAsync(db, transaction, row.Id, ex.Message, cancellationToken);
                break;
            }

            if (result.IsSuccess)
            {
                await SettleAsync(db, transaction, row.Id, "sent", null, cancellationToken);
            }
            else
            {
                var error = $"refused by the broker: {result.ReasonCode} {result.ReasonString}".TrimEnd();
                await SettleAsync(db, transaction, row.Id, "failed", error, cancellationToken);
                metrics.Failed();
                LogRefused(logger, row.Id, row.Topic, error);
            }

            settled++;
        }

        await transaction.CommitAsync(cancellationToken);
        return settled;
    }

    private static async Task SettleAsync(NpgsqlConnection db, NpgsqlTransaction transaction, Guid id, string status, string? error, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand("""
            UPDATE automation.mqtt_outbox
            SET status = @status, finished_at = now(), attempts = attempts + 1, error = @error
            WHERE id = @id
            """, db, transaction);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("status", status);
        update.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CountAttemptAsync(NpgsqlConnection db, NpgsqlTransaction transaction, Guid id, string error, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE automation.mqtt_outbox SET attempts = attempts + 1, error = @error WHERE id = @id", db, transaction);
        update.Parameters.AddWithValue("id", id);
        update.Parameters.AddWithValue("error", error);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Outbox message {Id} to {Topic} (queued {CreatedAt}) expired before the broker could take it; it will not be sent")]
    private static partial void LogExpired(ILogger logger, Guid id, string topic, DateTimeOffset? createdAt);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "The broker refused outbox message {Id} to {Topic}: {Error}; marked failed")]
    private static partial void LogRefused(ILogger logger, Guid id, string topic, string error);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Publishing outbox message {Id} to {Topic} was interrupted ({Error}); it stays queued")]
    private static partial void LogPublishInterrupted(ILogger logger, Guid id, string topic, string error);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Warning, Message = "An outbox round failed; trying again")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
