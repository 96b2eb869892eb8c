using System.Text.Json;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Monitor.Alerts;

/// <summary>
/// On the leader, makes the incidents table agree with a check's confirmed status, level-triggered: down with no
/// open incident opens one, up with one open closes it; each opening and closing queues one alert per channel in
/// the same fenced transaction. Run after every change and again for every check when a replica takes the lead,
/// so a change the old leader saw but did not record is recorded once, and one it recorded is not repeated.
/// While a check flaps its incidents are recorded muted; the "flapping" alert is sent once instead.
/// </summary>
public sealed partial class AlertKeeper(NpgsqlDataSource database, Leadership leadership, DeliverySignal signal, TimeProvider time, ILogger<AlertKeeper> logger)
{
    /// <summary>The MQTT channel every alert goes to, with no configuration: <c>jarvis/alerts/&lt;check&gt;</c>.</summary>
    public const string BuiltInMqtt = "mqtt";

    /// <returns>True when the incidents agree with the check now (recorded, or nothing to record).</returns>
    public async Task<bool> ReconcileAsync(CheckDefinition check, CheckStatus confirmed, bool flapping, bool flappingStarted, bool flappingEnded, string? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var epoch = leadership.Epoch;
        if (epoch == 0)
        {
            return false;
        }

        if (confirmed == CheckStatus.Pending)
        {
            return true;
        }

        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (!await leadership.FenceAsync(connection, transaction, epoch, cancellationToken))
            {
                return false;
            }

            var now = time.GetUtcNow();
            var queued = 0;
            var open = await OpenIncidentAsync(connection, transaction, check.Id, cancellationToken);
            if (confirmed == CheckStatus.Down && open is null)
            {
                var id = Guid.CreateVersion7();
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO monitor.incidents (id, check_id, started_at, cause, muted) VALUES (@id, @check, @at, @cause, @muted)", connection, transaction);
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("check", check.Id);
                insert.Parameters.AddWithValue("at", now);
                insert.Parameters.AddWithValue("cause", (object?)ResultLog.Storable(cause) ?? DBNull.Value);
                insert.Parameters.AddWithValue("muted", flapping);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                if (!flapping)
                {
                    queued += await QueueAsync(connection, transaction, new Alert(check.Id, check.Name, AlertEvent.Down, CheckStatus.Down, now, id, cause, check.Target), cancellationToken);
                }
            }
            else if (confirmed == CheckStatus.Up && open is { } closing)
            {
                await using var close = new NpgsqlCommand("UPDATE monitor.incidents SET ended_at = @at WHERE id = @id", connection, transaction);
                close.Parameters.AddWithValue("id", closing.Id);
                close.Parameters.AddWithValue("at", now);
                await close.ExecuteNonQueryAsync(cancellationToken);
                if (!closing.Muted && !flapping)
                {
                    queued += await QueueAsync(connection, transaction, new Alert(check.Id, check.Name, AlertEvent.Resolved, CheckStatus.Up, now, closing.Id, closing.Cause, check.Target), cancellationToken);
                }
            }
            else if (confirmed == CheckStatus.Down && open is { Muted: true } muted && !flapping)
            {
                // Stable again, and down: the outage that was muted while flapping is announced now.
                await using var unmute = new NpgsqlCommand("UPDATE monitor.incidents SET muted = false WHERE id = @id", connection, transaction);
                unmute.Parameters.AddWithValue("id", muted.Id);
                await unmute.ExecuteNonQueryAsync(cancellationToken);
                queued += await QueueAsync(connection, transaction, new Alert(check.Id, check.Name, AlertEvent.Down, CheckStatus.Down, now, muted.Id, cause, check.Target), cancellationToken);
            }

            if (flappingStarted)
            {
                queued += await QueueAsync(connection, transaction, new Alert(check.Id, check.Name, AlertEvent.Flapping, confirmed, now, open?.Id, cause, check.Target), cancellationToken);
            }
            else if (flappingEnded && confirmed == CheckStatus.Up)
            {
                queued += await QueueAsync(connection, transaction, new Alert(check.Id, check.Name, AlertEvent.Resolved, CheckStatus.Up, now, null, "stable again after flapping", check.Target), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (queued > 0)
            {
                signal.Wake();
            }

            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The next change, or the next reconciliation, tries again.
            LogFailed(logger, check.Id, ex.Message);
            return false;
        }
    }

    /// <summary>Queues one delivery of <paramref name="alert"/> per enabled channel, the built-in MQTT one included.</summary>
    public static async Task<int> QueueAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Alert alert, CancellationToken cancellationToken, Guid? onlyChannel = null)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var command = new NpgsqlCommand("""
            INSERT INTO monitor.deliveries (channel_id, channel, event, check_id, payload)
            SELECT c.id, c.kind, @event, @check, @payload FROM (
                SELECT NULL::uuid AS id, 'mqtt' AS kind WHERE @only::uuid IS NULL
                UNION ALL
                SELECT id, kind FROM monitor.channels WHERE enabled AND (@only::uuid IS NULL OR id = @only)
            ) c
            """, connection, transaction);
        command.Parameters.AddWithValue("event", JsonNamingEvent(alert.Event));
        command.Parameters.AddWithValue("check", alert.Check);
        command.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(alert, MonitorJsonContext.Default.Alert));
        command.Parameters.AddWithValue("only", (object?)onlyChannel ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string JsonNamingEvent(AlertEvent e) => JsonSerializer.Serialize(e, MonitorJsonContext.Default.AlertEvent).Trim('"');

    private static async Task<OpenIncident?> OpenIncidentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string checkId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, muted, cause FROM monitor.incidents WHERE check_id = @check AND ended_at IS NULL FOR UPDATE", connection, transaction);
        command.Parameters.AddWithValue("check", checkId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OpenIncident(reader.GetGuid(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2))
            : null;
    }

    private sealed record OpenIncident(Guid Id, bool Muted, string? Cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The incident of check {Check} could not be recorded yet: {Reason}")]
    private static partial void LogFailed(ILogger logger, string check, string reason);
}
