namespace Jarvis.Automation.Mqtt;

/// <summary>
/// Takes the messages of the topic filters it was registered for (<see cref="MqttServiceCollectionExtensions.AddMqttSubscription{THandler}"/>).
/// The message is acknowledged to the broker only after <see cref="HandleAsync"/> returns, so it returns
/// once what the message changes is stored. It must be idempotent: after a crash or a lost connection the
/// same message comes again (<see cref="MqttInboundMessage.IsDuplicate"/>). An exception is retried, then
/// the message is kept in <c>automation.mqtt_dead_letters</c> and acknowledged.
/// </summary>
public interface IMqttMessageHandler
{
    Task HandleAsync(MqttInboundMessage message, CancellationToken cancellationToken);
}
