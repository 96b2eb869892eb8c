using MQTTnet;

namespace Jarvis.Automation.Mqtt;

/// <summary>
/// A received message waiting in this replica's own queue: taken off MQTTnet's queue at once, because MQTTnet
/// drops what it still holds when the connection ends, and kept here until it is stored, connection or not.
/// <paramref name="Epoch"/> is the connection it came on; <paramref name="Redelivery"/> marks the broker's resend
/// of a message this queue already holds (same packet id, topic and payload).
/// </summary>
public sealed record MqttDelivery(MqttApplicationMessageReceivedEventArgs Args, MqttInboundMessage Message, int Epoch, bool Redelivery);
