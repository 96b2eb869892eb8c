namespace Jarvis.Automation.Automations.Parsing;

/// <summary>Stops reading a document that is beyond its limits; caught inside <see cref="DefinitionDocument"/>.</summary>
internal sealed class DefinitionRefusedException(string message) : Exception(message);
