namespace Jarvis.Automation.Model;

/// <summary>
/// An entity as the API shows it. <see cref="Name"/> is the person's name for it, else the discovered name, else the
/// device's; <see cref="AreaId"/> its own area, else its device's. <see cref="Support"/> is <c>supported</c>,
/// <c>unsupported</c> or <c>invalid</c>, with <see cref="Problem"/> saying why.
/// </summary>
public sealed record DeviceEntity(
    string EntityId,
    Guid? DeviceId,
    string Component,
    string Name,
    string? DiscoveredName,
    Guid? AreaId,
    IReadOnlyList<string> Aliases,
    bool Disabled,
    string Support,
    string? Problem,
    bool AcceptsCommands,
    string? UniqueId,
    EntityState State);
