namespace Jarvis.Automation.Model;

/// <summary>One saved version of an automation, with the document as it was sent (<see cref="Format"/> json or yaml).</summary>
public sealed record AutomationVersion(int Version, DateTimeOffset CreatedAt, Guid? CreatedBy, string Format, string Source);
