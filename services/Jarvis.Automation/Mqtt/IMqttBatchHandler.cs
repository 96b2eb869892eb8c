namespace Jarvis.Automation.Mqtt;

/// <summary>
/// A handler that stores many messages at once (one transaction for what would be many): given the messages in the
/// broker's order, it returns once all of them are stored. When it throws, <see cref="MqttInbound"/> hands the same
/// messages to <see cref="IMqttMessageHandler.HandleAsync"/> one at a time, so one unreadable message is retried and
/// dead-lettered alone and the others are stored.
/// </summary>
public interface IMqttBatchHandler : IMqttMessageHandler
{
    Task HandleBatchAsync(IReadOnlyList<MqttInboundMessage> messages, CancellationToken cancellationToken);
}
