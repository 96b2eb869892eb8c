namespace Jarvis.Automation.Devices.Commands;

/// <summary>A command for one entity, as the API receives it.</summary>
/// <param name="Brightness">0–255 (Home Assistant's scale); 0 with turn_on switches off.</param>
/// <param name="ColorTemp">Colour temperature in mireds.</param>
/// <param name="Position">Cover position, 0 (closed) to 100 (open).</param>
/// <param name="Value">A string or a number (int, long, double, decimal), for <see cref="CommandKind.Set"/>.</param>
public sealed record DeviceCommand(CommandKind Kind, int? Brightness = null, int? ColorTemp = null, int? Position = null, object? Value = null);
