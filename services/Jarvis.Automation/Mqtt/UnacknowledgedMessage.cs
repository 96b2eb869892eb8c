namespace Jarvis.Automation.Mqtt;

/// <summary>A message received and not yet acknowledged, by its packet id: what the broker will resend on a resumed session.</summary>
public sealed class UnacknowledgedMessage(string topic, ReadOnlyMemory<byte> payload)
{
    public string Topic { get; } = topic;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    /// <summary>Set once its handler stored it: a resend need only be acknowledged.</summary>
    public bool Stored { get; set; }

    public bool IsSameAs(MqttInboundMessage message) =>
        message is not null && message.Topic == Topic && message.Payload.Span.SequenceEqual(Payload.Span);
}
