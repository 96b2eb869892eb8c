namespace Jarvis.Automation.Devices;

/// <summary>The device an entity belongs to, from the config's <c>device</c> (<c>dev</c>) object.</summary>
/// <param name="Identifiers">The device's ids (<c>ids</c>); entities sharing one belong to the same device.</param>
/// <param name="Connections">Pairs such as ["mac", "aa:bb:…"] (<c>cns</c>), written "mac:aa:bb:…".</param>
public sealed record DeviceInfo(
    IReadOnlyList<string> Identifiers,
    IReadOnlyList<string> Connections,
    string? Name,
    string? Manufacturer,
    string? Model,
    string? SoftwareVersion,
    string? HardwareVersion,
    string? SuggestedArea,
    string? ViaDevice,
    string? ConfigurationUrl);
