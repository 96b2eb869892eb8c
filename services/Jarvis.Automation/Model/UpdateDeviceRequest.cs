namespace Jarvis.Automation.Model;

/// <summary>PATCH body: an absent (null) field stays as it is; <c>""</c> clears the name (back to the discovered one) or the area.</summary>
public sealed record UpdateDeviceRequest(string? Name, string? Area);
