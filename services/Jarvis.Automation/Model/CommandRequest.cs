using System.Text.Json;

namespace Jarvis.Automation.Model;

/// <summary>
/// A command: <c>turn_on</c>, <c>turn_off</c>, <c>toggle</c> or <c>set</c>; <see cref="Brightness"/> 0–255,
/// <see cref="ColorTemp"/> in mireds, <see cref="Position"/> 0–100, <see cref="Value"/> a string or a number.
/// </summary>
public sealed record CommandRequest(string? Command, int? Brightness, int? ColorTemp, int? Position, JsonElement? Value);
