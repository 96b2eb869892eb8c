namespace Jarvis.Automation.Devices.Discovery;

/// <summary>One effect of a discovery message: an entity added, updated or removed, or the message rejected with a reason.</summary>
/// <param name="Topic">The discovery topic the message came on.</param>
/// <param name="Key">The entity's key; null for a rejection that names none.</param>
/// <param name="Entity">The entity as it now is (added, updated) or was (removed); null for a rejection.</param>
/// <param name="Reason">Why a message was rejected.</param>
public sealed record DiscoveryChange(DiscoveryChangeKind Kind, string Topic, DiscoveryKey? Key, DiscoveredEntity? Entity, string? Reason = null);
