using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Discovery configs (<c>&lt;prefix&gt;/#</c>, every replica): applied to the catalog and stored before the message
/// is acknowledged. A config that changes nothing (a retained config delivered again) stores nothing; a rejected one
/// (malformed JSON, too large, a bad topic) is logged with its reason and acknowledged. The configs of a batch (a
/// bridge announcing its devices) are stored in one transaction.
/// </summary>
public sealed partial class DiscoveryHandler(DeviceCatalog catalog, DiscoveryStore store, StateHandler states, ILogger<DiscoveryHandler> logger) : IMqttBatchHandler
{
    public Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken) =>
        HandleBatchAsync([message], cancellationToken);

    public async Task HandleBatchAsync(IReadOnlyList<MqttInboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var changes = new List<DiscoveryChange>();
        foreach (var message in messages)
        {
            var applied = catalog.Apply(message.Topic, message.Payload.Span);
            foreach (var rejected in applied.Where(c => c.Kind == DiscoveryChangeKind.Rejected))
            {
                LogRejected(logger, message.Topic, rejected.Reason ?? "unreadable");
            }

            foreach (var change in applied.Where(c => c.Entity is { Problem: not null }))
            {
                LogProblem(logger, change.Key?.Value ?? message.Topic, change.Entity!.Support.ToString().ToLowerInvariant(), change.Entity.Problem!);
            }

            changes.AddRange(applied);
        }

        try
        {
            var stored = await store.SaveAsync(changes, cancellationToken);
            await states.CatchUpAsync(stored, cancellationToken);
        }
        catch
        {
            // The registry already holds the change; reloading makes the redelivery apply it again.
            catalog.Invalidate();
            throw;
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Warning, Message = "Discovery message on {Topic} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string topic, string reason);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Entity {Key} is listed as {Support}: {Problem}")]
    private static partial void LogProblem(ILogger logger, string key, string support, string problem);
}
