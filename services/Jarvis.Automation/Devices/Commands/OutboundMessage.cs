namespace Jarvis.Automation.Devices.Commands;

/// <summary>One MQTT message to publish for a command, in the form the device expects.</summary>
public sealed record OutboundMessage(string Topic, string Payload, int Qos, bool Retain);
