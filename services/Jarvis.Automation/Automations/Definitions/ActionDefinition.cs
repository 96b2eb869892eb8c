namespace Jarvis.Automation.Automations.Definitions;

/// <summary>A step of a sequence; a disabled one (<c>enabled: false</c>) is skipped and traced as such.</summary>
public abstract record ActionDefinition(bool Enabled, string? Alias)
{
    public abstract string Kind { get; }
}
