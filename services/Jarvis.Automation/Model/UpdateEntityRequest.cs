namespace Jarvis.Automation.Model;

/// <summary>PATCH body: an absent (null) field stays as it is; <c>""</c> clears the name or the area, <c>[]</c> the aliases.</summary>
public sealed record UpdateEntityRequest(string? Name, string? Area, IReadOnlyList<string>? Aliases, bool? Disabled);
