using Jarvis.Monitor.Engine;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Monitor.Alerts;

/// <summary>
/// On the leader: sends queued deliveries. Each is claimed for one attempt in a fenced transaction (so a paused
/// former leader cannot send it too), sent, then marked delivered, or retried with doubling backoff until
/// <c>Monitor:Delivery:MaxAttempts</c>, the last error kept for the API. A new leader finishes what the old one left.
/// </summary>
public sealed partial class DeliveryWorker(
    NpgsqlDataSource database, Leadership leadership, DeliverySignal signal, IEnumerable<IAlertSender> senders,
    IOptions<MonitorOptions> options, ILogger<DeliveryWorker> logger) : BackgroundService
{
    private const int Batch = 50;
    private readonly Dictionary<string, IAlertSender> _senders = senders.ToDictionary(s => s.Kind, StringComparer.Ordinal);
    private readonly DeliveryOptions _options = options.Value.Delivery;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            if (leadership.Epoch is var epoch and > 0)
            {
                try
                {
                    sent = await SendDueAsync(epoch, stoppingToken);
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex.Message);
                }
            }

            if (sent == 0)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(500), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<int> SendDueAsync(long epoch, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(epoch, cancellationToken);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (delivery, ct) =>
        {
            string? error = null;
            try
            {
                if (!_senders.TryGetValue(delivery.Kind, out var sender))
                {
                    throw new InvalidOperationException($"No sender for channels of kind {delivery.Kind}.");
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(_options.Timeout);
                await sender.SendAsync(delivery, timeout.Token);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                error = ex is OperationCanceledException ? $"No answer within {_options.Timeout.TotalSeconds:F0} s." : ex.Message;
            }

            await FinishAsync(delivery, error, ct);
        });
        return claimed.Count;
    }

    private async Task<IReadOnlyList<PendingDelivery>> ClaimAsync(long epoch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await leadership.FenceAsync(connection, transaction, epoch, cancellationToken))
        {
            return [];
        }

        // Claimed by pushing the next attempt past this one's timeout: if this replica dies mid-send, the next leader retries it.
        await using var command = new NpgsqlCommand("""
            UPDATE monitor.deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + @claim
            FROM (
                SELECT id FROM monitor.deliveries
                WHERE delivered_at IS NULL AND NOT gave_up AND next_attempt_at <= now()
                ORDER BY id LIMIT @batch FOR UPDATE SKIP LOCKED
            ) due
            WHERE d.id = due.id
            RETURNING d.id, d.channel, d.check_id, d.payload::text, d.attempts,
                (SELECT url FROM monitor.channels WHERE id = d.channel_id), (SELECT secret FROM monitor.channels WHERE id = d.channel_id)
            """, connection, transaction);
        command.Parameters.AddWithValue("claim", _options.Timeout + TimeSpan.FromSeconds(5));
        command.Parameters.AddWithValue("batch", Batch);
        var claimed = new List<PendingDelivery>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add(new PendingDelivery(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    private async Task FinishAsync(PendingDelivery delivery, string? error, CancellationToken cancellationToken)
    {
        var giveUp = error is not null && delivery.Attempts >= _options.MaxAttempts;
        var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxRetry.Ticks, _options.FirstRetry.Ticks * (1L << Math.Min(20, delivery.Attempts - 1))));
        await using var command = database.CreateCommand(error is null
            ? "UPDATE monitor.deliveries SET delivered_at = now(), last_error = NULL WHERE id = @id"
            : "UPDATE monitor.deliveries SET last_error = @error, gave_up = @giveUp, next_attempt_at = now() + @backoff WHERE id = @id");
        command.Parameters.AddWithValue("id", delivery.Id);
        if (error is not null)
        {
            command.Parameters.AddWithValue("error", Storage.ResultLog.Storable(error)!);
            command.Parameters.AddWithValue("giveUp", giveUp);
            command.Parameters.AddWithValue("backoff", backoff);
        }

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex.Message);
        }

        if (error is not null)
        {
            LogAttemptFailed(logger, delivery.Id, delivery.Kind, delivery.Attempts, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert deliveries could not be processed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {Id} over {Kind} failed (attempt {Attempts}): {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long id, string kind, int attempts, string error);
}
