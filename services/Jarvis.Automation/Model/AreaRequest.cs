namespace Jarvis.Automation.Model;

/// <summary>POST and PATCH body of an area.</summary>
public sealed record AreaRequest(string? Name);
