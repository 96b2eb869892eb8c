using Jarvis.Automation.Storage;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// TEMPORARY, until the ingest path calls every <see cref="IStateChangeListener"/> after each committed batch: feeds
/// the listeners from <see cref="DeviceEventFeed"/>'s committed history rows (in id order). Remove at that merge.
/// </summary>
public sealed class StateFeedBridge(DeviceEventFeed feed, IEnumerable<IStateChangeListener> listeners, AutomationStartup startup) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startup.Ready.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            using var subscription = feed.Subscribe();
            var batch = new List<Model.StateEvent>();
            await foreach (var change in subscription.Events.ReadAllAsync(stoppingToken))
            {
                batch.Add(change);
                while (batch.Count < 500 && subscription.Events.TryRead(out var more))
                {
                    batch.Add(more);
                }

                foreach (var listener in listeners)
                {
                    await listener.OnStateChangedAsync(batch, stoppingToken);
                }

                batch.Clear();
            }
        }
    }
}
