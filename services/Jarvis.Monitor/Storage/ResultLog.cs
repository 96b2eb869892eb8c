using System.Threading.Channels;
using Jarvis.Monitor.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Jarvis.Monitor.Storage;

/// <summary>
/// Writes the leader's results to <c>monitor.results</c> in batches (binary COPY, once a second), so a thousand
/// checks cost a handful of statements. Only the leader records: replicas watch the same things. When the
/// database is away, results queue up to a bound and the oldest are dropped.
/// </summary>
public sealed partial class ResultLog(NpgsqlDataSource database, Leadership leadership, TimeProvider time, ILogger<ResultLog> logger) : BackgroundService
{
    private const int MaxQueued = 100_000;
    private const int MaxMessageLength = 1000;
    private readonly Channel<ResultRow> _queue = Channel.CreateBounded<ResultRow>(new BoundedChannelOptions(MaxQueued)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Record(ResultRow row)
    {
        if (leadership.IsLeader)
        {
            _queue.Writer.TryWrite(row);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ResultRow>();
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            while (batch.Count < 10_000 && _queue.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogWriteFailed(logger, batch.Count, ex.Message);
                if (batch.Count > MaxQueued)
                {
                    batch.RemoveRange(0, batch.Count - MaxQueued);
                }
            }
        }
    }

    private async Task WriteAsync(List<ResultRow> batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY monitor.results (check_id, at, ok, status, latency_ms, message) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in batch)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(row.CheckId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(row.At, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(row.Ok, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync((short)row.Status, NpgsqlDbType.Smallint, cancellationToken);
            if (row.LatencyMs is { } latency)
            {
                await writer.WriteAsync((float)latency, NpgsqlDbType.Real, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }

            if (Storable(row.Message) is { } message)
            {
                await writer.WriteAsync(message, NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await writer.WriteNullAsync(cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>An error text from a remote server may hold anything; PostgreSQL refuses NUL.</summary>
    internal static string? Storable(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var text = message.Replace('\0', ' ');
        return text.Length <= MaxMessageLength ? text : text[..MaxMessageLength];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} results could not be written yet: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason);
}
