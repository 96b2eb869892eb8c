using System.Threading.Channels;
using Jarvis.Automation.Model;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Hands every new history row to this replica's event-stream clients, whichever replica stored it. The rows are
/// read from <c>automation.state_history</c> in id order; PostgreSQL's <c>NOTIFY</c> (sent by the storing replica's
/// transaction) only says when to read, and a poll every <see cref="DevicesOptions.EventPollInterval"/> covers a lost
/// listening connection. Ids from concurrent transactions of several replicas can commit out of order, so a gap is
/// waited for (<see cref="DevicesOptions.EventGapGrace"/>) before the rows above it go out.
/// </summary>
public sealed partial class DeviceEventFeed(
    NpgsqlDataSource database,
    StateHistoryReader history,
    IOptions<DevicesOptions> options,
    TimeProvider time,
    ILogger<DeviceEventFeed> logger) : BackgroundService
{
    /// <summary>How many events a client may be behind before its stream is ended (it resumes from the database).</summary>
    public const int ClientBuffer = 10_000;

    private const int Batch = 1000;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscribers = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _last;
    private DateTimeOffset? _gapSince;

    /// <summary>Completes once the feed knows where history stands (its first read of the table).</summary>
    public Task Started => _started.Task;

    /// <summary>A live subscription: every event above the returned <see cref="EventSubscription.StartedAfter"/>.</summary>
    public EventSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<StateEvent>(new BoundedChannelOptions(ClientBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        lock (_gate)
        {
            var subscription = new EventSubscription(this, channel, _last);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }

    /// <summary>Read now: this replica just stored history rows.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var listener = ListenAsync(listening.Token);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = settings.EventPollInterval;
                try
                {
                    if (!_started.Task.IsCompleted)
                    {
                        var latest = await history.LatestIdAsync(stoppingToken);
                        lock (_gate)
                        {
                            _last = latest;
                        }

                        _started.TrySetResult();
                    }

                    if (await ReadAsync(settings, stoppingToken) is var more && more)
                    {
                        continue;
                    }

                    if (_gapSince is not null)
                    {
                        wait = TimeSpan.FromMilliseconds(Math.Min(settings.EventPollInterval.TotalMilliseconds, Math.Max(10, settings.EventGapGrace.TotalMilliseconds / 4)));
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReadFailed(logger, ex.Message);
                }

                await _wake.WaitAsync(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await listening.CancelAsync();
            await listener;
            lock (_gate)
            {
                foreach (var subscriber in _subscribers)
                {
                    subscriber.Writer.TryComplete();
                }
            }
        }
    }

    /// <summary>Publishes the rows after the last one published; true when a full batch suggests there are more.</summary>
    private async Task<bool> ReadAsync(DevicesOptions settings, CancellationToken cancellationToken)
    {
        long last;
        lock (_gate)
        {
            last = _last;
        }

        var rows = await history.AfterAsync(last, long.MaxValue, Batch, cancellationToken);
        var ready = new List<StateEvent>();
        var expected = last + 1;
        foreach (var row in rows)
        {
            if (row.Id != expected)
            {
                var now = time.GetUtcNow();
                _gapSince ??= now;
                if (now - _gapSince < settings.EventGapGrace)
                {
                    break; // another replica's transaction may still commit the missing ids
                }
            }

            _gapSince = null;
            ready.Add(row);
            expected = row.Id + 1;
        }

        if (ready.Count > 0)
        {
            Publish(ready);
        }

        return rows.Count == Batch && ready.Count == rows.Count;
    }

    private void Publish(List<StateEvent> events)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
            {
                foreach (var e in events)
                {
                    if (!subscriber.Writer.TryWrite(e))
                    {
                        subscriber.Writer.TryComplete(); // too far behind: it resumes from the database
                        break;
                    }
                }
            }

            _last = events[^1].Id;
        }
    }

    /// <summary>LISTEN on a connection of its own for as long as the service runs; each notification wakes the reader.</summary>
    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {StateStore.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                try
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(cancellationToken);
                    }
                }
                finally
                {
                    // The pool does not reset connections (NoResetOnClose): stop listening before this one goes back.
                    await UnlistenAsync(connection);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogListenFailed(logger, ex.Message);
                try
                {
                    await Task.Delay(options.Value.EventPollInterval, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task UnlistenAsync(NpgsqlConnection connection)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or InvalidOperationException)
        {
            // A broken connection is not returned to the pool.
        }
    }

    [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Reading new device events failed: {Error}; trying again")]
    private static partial void LogReadFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Listening for device events failed: {Error}; polling until the connection is back")]
    private static partial void LogListenFailed(ILogger logger, string error);
}
