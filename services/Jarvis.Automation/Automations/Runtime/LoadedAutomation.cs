using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>An automation's current version, read and compiled, as the runtime holds it.</summary>
public sealed record LoadedAutomation(Guid Id, int Version, bool Enabled, AutomationDefinition Definition);
