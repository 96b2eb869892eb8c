using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Engine;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Monitor.Storage;

/// <summary>On the leader: hourly rollups every <c>Monitor:RollupInterval</c>, and history older than its retention pruned.</summary>
public sealed partial class HistoryKeeper(HistoryStore history, Leadership leadership, IOptions<MonitorOptions> options, TimeProvider time, ILogger<HistoryKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.RollupInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!leadership.IsLeader || stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                await history.RollUpAsync(stoppingToken);
                if (time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                {
                    await history.PruneAsync(settings.RawRetentionDays, settings.HourlyRetentionDays, stoppingToken);
                    lastPrune = time.GetUtcNow();
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "History rollup or pruning failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
