using System.Text;
using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Mqtt;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Storage;

/// <summary>
/// Every other topic (<c>#</c>, one replica of several through the shared subscription): a message on a known
/// entity's state, attributes or availability topic is read and stored before it is acknowledged; any other topic
/// is acknowledged at once. A payload that cannot be read is shown on the entity as its error. Messages come in
/// batches (what arrived while the last batch was stored), stored in one transaction; the state changes are then
/// told to every <see cref="IStateChangeListener"/> (the automations), in the order they were stored.
/// </summary>
public sealed partial class StateHandler(
    DeviceCatalog catalog,
    StateStore states,
    UnclaimedMessages unclaimed,
    IEnumerable<IStateChangeListener> listeners,
    MqttClientIdentity identity,
    IOptions<DevicesOptions> options,
    ILogger<StateHandler> logger) : IMqttBatchHandler
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IStateChangeListener[] _listeners = [.. listeners];

    public Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken) =>
        HandleBatchAsync([message], cancellationToken);

    public async Task HandleBatchAsync(IReadOnlyList<MqttInboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await catalog.EnsureLoadedAsync(cancellationToken);
        var updates = new List<ReceivedMessage>(messages.Count);
        foreach (var message in messages)
        {
            var targets = catalog.ForTopic(message.Topic);
            if (targets.Count == 0)
            {
                unclaimed.Keep(message.Topic, message.Payload.Span);
            }

            updates.Add(new ReceivedMessage(message, targets.Count == 0 ? [] : Read(targets, message)));
        }

        await StoreAsync(updates, cancellationToken);
    }

    /// <summary>A new entity starts from the messages its topics carried before its config arrived.</summary>
    public async Task CatchUpAsync(IReadOnlyList<(Guid Row, DiscoveredEntity Entity)> entities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var updates = new List<ReceivedMessage>();
        foreach (var target in entities)
        {
            var topics = target.Entity.StateTopics.Concat(target.Entity.Availability.Topics).Distinct(StringComparer.Ordinal);
            foreach (var (topic, payload) in unclaimed.Take(topics))
            {
                // Kept in memory, not a delivery: no packet id to record.
                var kept = new MqttInboundMessage(topic, payload, true, 1, false, DateTimeOffset.UtcNow);
                updates.Add(new ReceivedMessage(kept, Read([target], kept)));
            }
        }

        await StoreAsync(updates, cancellationToken);
    }

    private async Task StoreAsync(List<ReceivedMessage> updates, CancellationToken cancellationToken)
    {
        var events = await states.ApplyAsync(identity.ClientId, updates, cancellationToken);
        if (events.Count == 0)
        {
            return;
        }

        // Stored and committed: a listener that fails is its own problem, not a reason to have the messages resent.
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnStateChangedAsync(events, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogListenerFailed(logger, listener.GetType().Name, events.Count, ex);
            }
        }
    }

    private List<StateUpdate> Read(IReadOnlyList<(Guid Row, DiscoveredEntity Entity)> targets, MqttInboundMessage message)
    {
        var max = options.Value.MaxStatePayloadBytes;
        var updates = new List<StateUpdate>();
        foreach (var (row, entity) in targets)
        {
            var outcome = StateInterpreter.Interpret(entity, message.Topic, message.Payload.Span, max);
            if (outcome.Kind == StateOutcomeKind.Changed)
            {
                updates.Add(new StateUpdate(row, entity, outcome.Change, null, null, null));
            }
            else if (outcome.Kind == StateOutcomeKind.Rejected && entity.Config is not null)
            {
                updates.Add(new StateUpdate(row, entity, null, null, null, $"{message.Topic}: {outcome.Error}"));
            }

            if (entity.Availability.Topics.Any(t => MqttTopics.Matches(t, message.Topic)))
            {
                updates.Add(Availability(row, entity, message, max));
            }
        }

        return updates;
    }

    [LoggerMessage(EventId = 5601, Level = LogLevel.Error, Message = "State change listener {Listener} failed on {Count} stored changes")]
    private static partial void LogListenerFailed(ILogger logger, string listener, int count, Exception exception);

    private static StateUpdate Availability(Guid row, DiscoveredEntity entity, MqttInboundMessage message, int max)
    {
        if (message.Payload.Length > max)
        {
            return new StateUpdate(row, entity, null, null, null, $"{message.Topic}: the availability payload is {message.Payload.Length} bytes; at most {max} are read");
        }

        try
        {
            return new StateUpdate(row, entity, null, message.Topic, StrictUtf8.GetString(message.Payload.Span), null);
        }
        catch (DecoderFallbackException)
        {
            return new StateUpdate(row, entity, null, null, null, $"{message.Topic}: the availability payload is not UTF-8 text");
        }
    }
}
