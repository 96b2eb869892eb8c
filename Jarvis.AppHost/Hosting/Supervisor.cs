using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Restarts a process that ended by itself with a failure (a crash, <c>kill -9</c>), which Aspire does
/// not do: the first restart follows at once, the next ones back off (doubling up to <see cref="MaxDelay"/>),
/// and a replica that ran for <see cref="StableAfter"/> starts again from no delay. A stop asked for
/// (the dashboard's Stop, Ctrl+C) passes through Stopping before it ends, and stays stopped.
/// </summary>
public sealed partial class Supervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<Supervisor> logger) : BackgroundService
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, RestartHistory> _histories = new(StringComparer.Ordinal);

    /// <summary>Tells supervision that <paramref name="resourceId"/> is being stopped on purpose: its end is not a crash.</summary>
    public void StopRequested(string resourceId) =>
        _histories.GetOrAdd(resourceId, _ => new RestartHistory()).StopRequested(DateTime.UtcNow);

    /// <summary>How often each instance (by resource id) was restarted.</summary>
    public int Restarts(string resourceId) => _histories.TryGetValue(resourceId, out var history) ? history.Restarts : 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!StartReport.IsJarvisResource(change.Resource) || change.Resource is PostgresDatabaseResource)
                {
                    continue;
                }

                var history = _histories.GetOrAdd(change.ResourceId, _ => new RestartHistory());
                var state = change.Snapshot.State?.Text;
                var asked = history.Observe(state);
                if (state == KnownResourceStates.Running && change.Snapshot.StartTimeStamp is { } startedAt)
                {
                    history.Started(startedAt);
                }
                else if (state == KnownResourceStates.Finished
                    && !asked
                    && change.Snapshot.ExitCode is { } code and not 0
                    && !lifetime.ApplicationStopping.IsCancellationRequested
                    && history.TryBeginRestart(change.Snapshot.StopTimeStamp ?? DateTime.UtcNow, out var delay))
                {
                    LogCrashed(logger, change.ResourceId, code, delay.TotalSeconds);
                    _ = RestartAsync(change.Resource, change.ResourceId, history, delay, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(IResource resource, string resourceId, RestartHistory history, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, resourceId, result.Message);
            }

            await notifications.PublishUpdateAsync(resource, resourceId, s => s with
            {
                Properties = [.. s.Properties.Where(p => p.Name != "jarvis.restarts"), new("jarvis.restarts", history.Restarts)],
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
        {
            LogRestartFailed(logger, resourceId, ex.Message);
        }
        finally
        {
            history.EndRestart();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} ended with exit code {ExitCode}; restarting in {Delay:0.0} s.")]
    private static partial void LogCrashed(ILogger logger, string resource, int exitCode, double delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Restarting {Resource} failed: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? reason);
}
