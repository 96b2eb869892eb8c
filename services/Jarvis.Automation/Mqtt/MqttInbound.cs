using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// Hands a received message to the handler of every subscription it matches and says whether it may be
/// acknowledged. A handler that throws is tried again (<see cref="MqttOptions.HandlerAttempts"/>), then the
/// message is written to the dead letters and acknowledged: nothing is lost, and a message that always fails
/// (a poison message) does not come back forever. Only when even the dead letter cannot be written (the
/// database is down) does the message stay unacknowledged, for the broker to deliver again.
/// </summary>
public sealed partial class MqttInbound(
    IEnumerable<MqttSubscription> subscriptions,
    MqttClientIdentity identity,
    IServiceProvider services,
    MqttDeadLetters deadLetters,
    MqttMetrics metrics,
    IOptions<MqttOptions> options,
    ILogger<MqttInbound> logger)
{
    private readonly MqttSubscription[] _subscriptions = [.. subscriptions];

    // Worked out once: each subscription's identifier, as MqttConnection numbers its broker filters.
    private readonly uint[] _identifiers = IdentifiersOf([.. subscriptions], identity);

    public async Task<InboundOutcome> DeliverAsync(MqttInboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (await DeliverAsync([message], cancellationToken))[0];
    }

    /// <summary>
    /// A batch, in the broker's order: each handler takes all of its messages at once when it can
    /// (<see cref="IMqttBatchHandler"/>), else one at a time; a batch that fails is delivered again one message at
    /// a time, so a poison message is dead-lettered alone. Once a message is <see cref="InboundOutcome.NotStored"/>,
    /// every later one is too: acknowledging a later message on a topic before an earlier one is stored would let
    /// the earlier one, sent again, overwrite it.
    /// </summary>
    public async Task<InboundOutcome[]> DeliverAsync(IReadOnlyList<MqttInboundMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var outcomes = new InboundOutcome[messages.Count];
        var routes = new Dictionary<Type, List<int>>();
        var order = new List<Type>();
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var type in Through(messages[i]).Select(s => s.HandlerType).Distinct())
            {
                if (!routes.TryGetValue(type, out var indexes))
                {
                    routes[type] = indexes = [];
                    order.Add(type);
                }

                indexes.Add(i);
            }
        }

        // Handlers in the order their subscriptions were registered: discovery before state, as one message at a time did.
        order.Sort((a, b) => FirstIndex(a).CompareTo(FirstIndex(b)));
        foreach (var type in order)
        {
            var handler = (IMqttMessageHandler)services.GetRequiredService(type);
            var indexes = routes[type];
            if (handler is IMqttBatchHandler batch && indexes.Count > 1 && await DeliverBatchAsync(batch, messages, indexes, cancellationToken))
            {
                continue;
            }

            foreach (var i in indexes)
            {
                if (outcomes[i] == InboundOutcome.NotStored)
                {
                    break;
                }

                var result = await DeliverAsync(handler, messages[i], cancellationToken);
                if (result == InboundOutcome.NotStored)
                {
                    for (var j = i; j < outcomes.Length; j++)
                    {
                        outcomes[j] = InboundOutcome.NotStored;
                    }

                    break;
                }

                if (result == InboundOutcome.DeadLettered)
                {
                    outcomes[i] = result;
                }
            }
        }

        return outcomes;
    }

    private int FirstIndex(Type handlerType) => Array.FindIndex(_subscriptions, s => s.HandlerType == handlerType);

    private async Task<bool> DeliverBatchAsync(IMqttBatchHandler handler, IReadOnlyList<MqttInboundMessage> messages, List<int> indexes, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleBatchAsync([.. indexes.Select(i => messages[i])], cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false; // one at a time gives up at once and marks them not stored
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, handler.GetType().Name, indexes.Count, ex);
            return false;
        }
    }

    /// <summary>The subscriptions a copy belongs to: those the broker named, else every one whose filter matches.</summary>
    private IEnumerable<MqttSubscription> Through(MqttInboundMessage message)
    {
        if (message.SubscriptionIdentifiers.Count == 0)
        {
            return _subscriptions.Where(s => s.Matches(message.Topic));
        }

        return _subscriptions.Where((_, i) => message.SubscriptionIdentifiers.Contains(_identifiers[i]));
    }

    private static uint[] IdentifiersOf(MqttSubscription[] subscriptions, MqttClientIdentity identity)
    {
        var filters = subscriptions.Select(s => s.BrokerFilter(identity.SharedSubscriptions)).Distinct(StringComparer.Ordinal).ToList();
        return [.. subscriptions.Select(s => MqttSubscription.IdentifierOf(filters, s.BrokerFilter(identity.SharedSubscriptions)))];
    }

    private async Task<InboundOutcome> DeliverAsync(IMqttMessageHandler handler, MqttInboundMessage message, CancellationToken cancellationToken)
    {
        var attempts = options.Value.HandlerAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await handler.HandleAsync(message, cancellationToken);
                return InboundOutcome.Stored;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return InboundOutcome.NotStored;
            }
            catch (Exception ex) when (attempt < attempts)
            {
                LogHandlerRetry(logger, handler.GetType().Name, message.Topic, attempt, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 << Math.Min(attempt - 1, 6)), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return InboundOutcome.NotStored;
                }
            }
            catch (Exception ex)
            {
                return await DeadLetterAsync(handler, message, ex, cancellationToken);
            }
        }
    }

    private async Task<InboundOutcome> DeadLetterAsync(IMqttMessageHandler handler, MqttInboundMessage message, Exception error, CancellationToken cancellationToken)
    {
        var name = handler.GetType().Name;
        try
        {
            await deadLetters.RecordAsync(message, name, error, cancellationToken);
            metrics.DeadLettered();
            LogDeadLettered(logger, name, message.Topic, error);
            return InboundOutcome.DeadLettered;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotStored(logger, name, message.Topic, ex);
            return InboundOutcome.NotStored;
        }
        catch (OperationCanceledException)
        {
            return InboundOutcome.NotStored;
        }
    }

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "MQTT handler {Handler} failed on a batch of {Count} messages; delivering them one at a time")]
    private static partial void LogBatchFailed(ILogger logger, string handler, int count, Exception exception);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "MQTT handler {Handler} failed on {Topic} (attempt {Attempt}); trying again")]
    private static partial void LogHandlerRetry(ILogger logger, string handler, string topic, int attempt, Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "MQTT handler {Handler} failed on {Topic}; the message is kept in automation.mqtt_dead_letters and acknowledged")]
    private static partial void LogDeadLettered(ILogger logger, string handler, string topic, Exception exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "MQTT message on {Topic} could be neither handled by {Handler} nor kept as a dead letter; not acknowledged, the broker will deliver it again")]
    private static partial void LogNotStored(ILogger logger, string handler, string topic, Exception exception);
}
