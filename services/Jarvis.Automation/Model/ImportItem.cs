namespace Jarvis.Automation.Model;

/// <summary>One imported item: created (<see cref="Id"/>), or refused with its reasons by path (<see cref="Errors"/>).</summary>
public sealed record ImportItem(int Index, string? Alias, Guid? Id, IReadOnlyDictionary<string, string[]>? Errors);
