namespace Jarvis.Automation.Model;

/// <summary>A validated <c>limit</c> and <c>before</c> cursor (an entity id) for the entity list.</summary>
public readonly record struct EntityPageRequest(int Limit, string? Before);
