using System.Security.Cryptography;
using Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Storage;

/// <summary>
/// One received message of a batch and the updates it makes (none for a topic no entity listens on). A QoS 1
/// message's packet id is recorded with what it changed; one the broker marks as a resend (DUP) whose id, topic and
/// payload match the record was stored already and changes nothing.
/// </summary>
public sealed class ReceivedMessage(MqttInboundMessage message, IReadOnlyList<StateUpdate> updates)
{
    public ushort PacketId { get; } = message?.PacketId ?? 0;

    public bool IsDuplicate { get; } = message?.IsDuplicate ?? false;

    public string Topic { get; } = message?.Topic ?? string.Empty;

    public byte[] PayloadHash { get; } = SHA256.HashData(message is null ? [] : message.Payload.Span);

    public IReadOnlyList<StateUpdate> Updates { get; } = updates;

    /// <summary>Whether the broker may send it again (QoS 1, so it has a packet id).</summary>
    public bool Recorded => PacketId != 0;
}
