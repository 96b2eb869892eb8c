namespace Jarvis.Automation.Automations.Parsing;

/// <summary>One reason a definition is refused, at the path of the value it is about (<c>actions[2].then[0].foo</c>).</summary>
public sealed record DefinitionError(string Path, string Message);
