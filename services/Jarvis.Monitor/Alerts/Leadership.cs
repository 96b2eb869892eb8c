using Jarvis.Monitor.Engine;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Monitor.Alerts;

/// <summary>
/// A lease in <c>monitor.leader</c>: the replica holding it records history and sends alerts. Each new holder
/// raises the epoch, the fencing token: every statement that records an incident or claims a delivery checks,
/// in its own transaction, that this replica still holds the lease at this epoch, so a leader that was paused
/// past its lease (SIGSTOP, a long GC) cannot send once it wakes. A killed leader is replaced within the lease
/// duration plus one renewal; a stopped one gives the lease up at once.
/// </summary>
public sealed partial class Leadership(NpgsqlDataSource database, IOptions<MonitorOptions> options, TimeProvider time, ILogger<Leadership> logger) : BackgroundService
{
    private readonly MonitorOptions _options = options.Value;
    private readonly Lock _gate = new();
    private long _epoch;
    private DateTimeOffset _validUntil = DateTimeOffset.MinValue;

    /// <summary>This replica's name in the lease.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public bool IsLeader
    {
        get
        {
            lock (_gate)
            {
                return _epoch > 0 && time.GetUtcNow() < _validUntil;
            }
        }
    }

    /// <summary>The fencing token while leading, else 0.</summary>
    public long Epoch
    {
        get
        {
            lock (_gate)
            {
                return time.GetUtcNow() < _validUntil ? _epoch : 0;
            }
        }
    }

    /// <summary>
    /// Locks the lease row for the transaction (FOR SHARE: a takeover waits for it) and says whether this replica
    /// still holds it at <paramref name="epoch"/>. Statements after it in the transaction are fenced.
    /// </summary>
    public async Task<bool> FenceAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long epoch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM monitor.leader WHERE id = 1 AND holder = @holder AND epoch = @epoch AND expires_at > now() FOR SHARE", connection, transaction);
        command.Parameters.AddWithValue("holder", Holder);
        command.Parameters.AddWithValue("epoch", epoch);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var startedAt = time.GetUtcNow();
            long epoch = 0;
            try
            {
                epoch = await TryHoldAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogLeaseFailed(logger, ex.Message);
            }

            bool gained;
            lock (_gate)
            {
                gained = epoch > 0 && epoch != _epoch;
                _epoch = epoch;
                // Counted from before the statement was sent: the database's expiry is no earlier than that.
                _validUntil = epoch > 0 ? startedAt + _options.LeaseDuration - _options.LeaseRenewal : DateTimeOffset.MinValue;
            }

            if (gained)
            {
                LogGained(logger, Holder, epoch); // each check reconciles its incidents at its next attempt
            }

            await Task.Delay(_options.LeaseRenewal, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        lock (_gate)
        {
            _epoch = 0;
            _validUntil = DateTimeOffset.MinValue;
        }

        try
        {
            // Hand over at once rather than after the lease runs out.
            await using var command = database.CreateCommand("UPDATE monitor.leader SET expires_at = now() WHERE id = 1 AND holder = @holder");
            command.Parameters.AddWithValue("holder", Holder);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            LogLeaseFailed(logger, ex.Message);
        }
    }

    private async Task<long> TryHoldAsync(CancellationToken cancellationToken)
    {
        // Renewal keeps the epoch; taking over an expired lease (or retaking one's own after a pause) raises it.
        await using var command = database.CreateCommand("""
            INSERT INTO monitor.leader AS l (id, holder, epoch, expires_at) VALUES (1, @holder, 1, now() + @lease)
            ON CONFLICT (id) DO UPDATE SET
                holder = excluded.holder,
                epoch = CASE WHEN l.holder = excluded.holder AND l.expires_at > now() THEN l.epoch ELSE l.epoch + 1 END,
                expires_at = excluded.expires_at
            WHERE l.holder = excluded.holder OR l.expires_at <= now()
            RETURNING epoch
            """);
        command.Parameters.AddWithValue("holder", Holder);
        command.Parameters.AddWithValue("lease", _options.LeaseDuration);
        command.CommandTimeout = Math.Max(1, (int)_options.LeaseRenewal.TotalSeconds);
        return await command.ExecuteScalarAsync(cancellationToken) is long epoch ? epoch : 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This monitor replica ({Holder}) leads, epoch {Epoch}.")]
    private static partial void LogGained(ILogger logger, string holder, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The leader lease could not be renewed or taken: {Reason}")]
    private static partial void LogLeaseFailed(ILogger logger, string reason);
}
