namespace Jarvis.Simulation.Tests;

/// <summary>A message as a subscriber saw it; <see cref="Retained"/> is true only for what the broker kept from before the subscription.</summary>
public sealed record ReceivedMessage(string Topic, string Payload, bool Retained);
