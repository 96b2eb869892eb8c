using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Storage;

/// <summary>
/// What one MQTT message does to one entity: a state change, an availability payload on one of its availability
/// topics, or an error to show on the entity (a payload it could not read).
/// </summary>
public sealed record StateUpdate(Guid Row, DiscoveredEntity Entity, StateChange? Change, string? AvailabilityTopic, string? AvailabilityPayload, string? Error);
