namespace Jarvis.Monitor.Model;

/// <summary>The JSON every channel receives: on MQTT as the payload, on a webhook as the signed body.</summary>
public sealed record Alert(string Check, string Name, AlertEvent Event, CheckStatus Status, DateTimeOffset At, Guid? Incident, string? Cause, string? Target);
