namespace Jarvis.Simulation.Devices;

/// <summary>A command a simulated device received and carried out, with what it published in answer.</summary>
public sealed record ObeyedCommand(SimulatedDevice Device, string Topic, string Payload, IReadOnlyList<OutgoingMessage> Published);
