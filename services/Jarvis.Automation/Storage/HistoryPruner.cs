using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Deletes state history and command records older than <see cref="DevicesOptions.HistoryRetention"/>, in batches of
/// <see cref="DevicesOptions.PruneBatchSize"/> so that no statement holds its locks for long. Replicas may prune at
/// the same time: each batch skips rows another is deleting.
/// </summary>
public sealed partial class HistoryPruner(NpgsqlDataSource database, IOptions<DevicesOptions> options, TimeProvider time, ILogger<HistoryPruner> logger)
    : BackgroundService
{
    /// <summary>One full pass over both tables; returns how many rows it deleted.</summary>
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        long total = 0;
        foreach (var table in new[] { ("state_history", "recorded_at"), ("device_commands", "created_at") })
        {
            while (true)
            {
                await using var command = database.CreateCommand($"""
                    DELETE FROM automation.{table.Item1} WHERE id IN (
                        SELECT id FROM automation.{table.Item1} WHERE {table.Item2} < now() - @retention
                        ORDER BY {table.Item2} LIMIT @batch FOR UPDATE SKIP LOCKED)
                    """);
                command.Parameters.AddWithValue("retention", settings.HistoryRetention);
                command.Parameters.AddWithValue("batch", settings.PruneBatchSize);
                var deleted = await command.ExecuteNonQueryAsync(cancellationToken);
                total += deleted;
                if (deleted < settings.PruneBatchSize)
                {
                    break;
                }
            }
        }

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await PruneAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogPruned(logger, deleted, options.Value.HistoryRetention.TotalDays);
                }

                await Task.Delay(options.Value.PruneInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPruneFailed(logger, ex.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "Pruned {Count} history and command rows older than {Days:0.#} days")]
    private static partial void LogPruned(ILogger logger, long count, double days);

    [LoggerMessage(EventId = 5502, Level = LogLevel.Warning, Message = "Pruning device history failed: {Error}; trying again in 30 s")]
    private static partial void LogPruneFailed(ILogger logger, string error);
}
