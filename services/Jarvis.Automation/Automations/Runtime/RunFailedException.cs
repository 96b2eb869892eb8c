namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Ends a run as failed with a reason for its trace (a template error, an unknown entity, a repeat beyond its cap).</summary>
public sealed class RunFailedException(string message) : Exception(message);
