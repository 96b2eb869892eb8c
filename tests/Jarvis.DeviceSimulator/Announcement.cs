using Jarvis.Simulation.Devices;

namespace Jarvis.Simulation;

/// <summary>A gateway announced its devices: on connecting, on reconnecting, or because Home Assistant's status said <c>online</c>.</summary>
public sealed record Announcement(Gateway Gateway, int Configs, string Reason);
