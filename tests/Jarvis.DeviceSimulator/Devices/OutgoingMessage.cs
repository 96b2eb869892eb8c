namespace Jarvis.Simulation.Devices;

/// <summary>One message a simulated device puts on the bus.</summary>
public sealed record OutgoingMessage(string Topic, string Payload, bool Retain = false);
