namespace Jarvis.Automation.Model;

/// <summary>
/// A device with its entities. <see cref="Available"/>: false when any entity is unavailable, true when all are
/// available, else null (not yet known).
/// </summary>
public sealed record Device(
    Guid Id,
    string Name,
    string? DiscoveredName,
    string? Manufacturer,
    string? Model,
    string? SwVersion,
    Guid? AreaId,
    string? SuggestedArea,
    IReadOnlyList<string> Identifiers,
    bool? Available,
    IReadOnlyList<DeviceEntity> Entities);
