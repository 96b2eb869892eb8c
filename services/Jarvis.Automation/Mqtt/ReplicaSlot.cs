using Npgsql;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// A replica index for a replica that was given none (Aspire's replicas and a Kubernetes Deployment start identical
/// copies): the lowest free slot of <see cref="ReplicaOptions.Replicas"/>, held as a PostgreSQL session advisory lock
/// on a connection kept open for the life of the process. A replica that dies frees its slot with its connection, so
/// the copy started in its place takes the same index, the same MQTT client id, and the session the broker kept for
/// it. Every few seconds the held connection is checked; if it broke and the slot cannot be taken back (another
/// replica has it now), the process stops rather than share a client id, and its supervisor starts it afresh.
/// </summary>
public sealed partial class ReplicaSlot(NpgsqlDataSource database, IHostApplicationLifetime lifetime, ILogger<ReplicaSlot> logger) : BackgroundService
{
    // "JRVS": the class of the two-key advisory locks; the slot is the second key. Two-key locks never meet the
    // one-key (bigint) locks the migrations and discovery take.
    private const int LockClass = 0x4A525653;
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ClaimPatience = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _held;
    private int? _slot;

    /// <summary>The slot taken, once <see cref="ClaimAsync"/> has run.</summary>
    public int? Slot => _slot;

    /// <summary>
    /// Takes the lowest free slot below <paramref name="replicas"/>; while all are held (the old copy of a restarted
    /// replica has not let go yet), waits for one, up to a minute.
    /// </summary>
    public async Task<int> ClaimAsync(int replicas, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_slot is { } taken)
            {
                return taken;
            }

            var until = DateTimeOffset.UtcNow + ClaimPatience;
            var connection = await database.OpenConnectionAsync(cancellationToken);
            try
            {
                while (true)
                {
                    for (var slot = 0; slot < replicas; slot++)
                    {
                        if (await TryLockAsync(connection, slot, cancellationToken))
                        {
                            _held = connection;
                            _slot = slot;
                            LogClaimed(logger, slot, replicas);
                            return slot;
                        }
                    }

                    if (DateTimeOffset.UtcNow > until)
                    {
                        throw new InvalidOperationException(
                            $"All {replicas} replica slots are held by other replicas (Automation:Replicas is {replicas}); is another copy running?");
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Dispose()
    {
        _held?.Dispose();
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (_slot is not { } slot || await StillHeldAsync(slot, stoppingToken))
                {
                    continue;
                }

                LogLost(logger, slot);
                lifetime.StopApplication();
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> StillHeldAsync(int slot, CancellationToken cancellationToken)
    {
        try
        {
            await using var check = new NpgsqlCommand("SELECT 1", _held);
            await check.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            LogConnectionBroke(logger, slot, ex.Message);
        }

        // The connection, and with it the lock, is gone: take the same slot back on a new one.
        try
        {
            if (_held is not null)
            {
                await _held.DisposeAsync();
            }

            _held = await database.OpenConnectionAsync(cancellationToken);
            return await TryLockAsync(_held, slot, cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The database is away: nobody else can take the slot meanwhile either.
            LogConnectionBroke(logger, slot, ex.Message);
            return true;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, int slot, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, @slot)", connection);
        command.Parameters.AddWithValue("class", LockClass);
        command.Parameters.AddWithValue("slot", slot);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "This replica holds slot {Slot} of {Replicas}")]
    private static partial void LogClaimed(ILogger logger, int slot, int replicas);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Warning, Message = "The connection holding replica slot {Slot} broke: {Error}; taking the slot back")]
    private static partial void LogConnectionBroke(ILogger logger, int slot, string error);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Critical, Message = "Replica slot {Slot} is held by another replica now; stopping so as not to share its MQTT client id")]
    private static partial void LogLost(ILogger logger, int slot);
}
