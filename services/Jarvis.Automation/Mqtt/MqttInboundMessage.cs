namespace Jarvis.Automation.Mqtt;

/// <summary>
/// One application message as the broker delivered it. <paramref name="IsDuplicate"/> is MQTT's DUP flag:
/// the broker may have delivered it before (this replica stored it and died before acknowledging).
/// Messages arrive one at a time, in the broker's order, so a redelivery on a topic is always the latest
/// message the handler saw on that topic: "the same topic and payload as the last one stored" is how a
/// handler recognises it and changes nothing.
/// </summary>
public sealed record MqttInboundMessage(
    string Topic,
    ReadOnlyMemory<byte> Payload,
    bool Retain,
    int QualityOfService,
    bool IsDuplicate,
    DateTimeOffset ReceivedAt)
{
    /// <summary>
    /// The subscriptions (<see cref="MqttSubscription.IdentifierOf"/>) this copy came through; empty when the
    /// broker named none, and then every subscription whose filter matches the topic takes it.
    /// </summary>
    public IReadOnlyList<uint> SubscriptionIdentifiers { get; init; } = [];

    /// <summary>
    /// The packet id of a QoS 1 message (0 for QoS 0): the broker sends an unacknowledged message again under the
    /// same id, so a handler can record which ids it stored and recognise the resend after a crash.
    /// </summary>
    public ushort PacketId { get; init; }
}
