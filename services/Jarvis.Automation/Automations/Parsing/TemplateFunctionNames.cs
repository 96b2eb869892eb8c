namespace Jarvis.Automation.Automations.Parsing;

/// <summary>The functions automation templates may call (implemented by <see cref="Runtime.AutomationTemplateFunctions"/>).</summary>
public static class TemplateFunctionNames
{
    public static IReadOnlyCollection<string> Names { get; } = ["states", "is_state", "state_attr", "now"];
}
