namespace Jarvis.Automation.Automations.Definitions;

/// <summary>A condition; a disabled one (<c>enabled: false</c>) holds.</summary>
public abstract record ConditionDefinition(bool Enabled)
{
    public abstract string Kind { get; }
}
