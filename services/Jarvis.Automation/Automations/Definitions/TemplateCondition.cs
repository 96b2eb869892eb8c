namespace Jarvis.Automation.Automations.Definitions;

/// <summary><c>condition: template</c> (or a bare template string): holds when the template renders true.</summary>
public sealed record TemplateCondition(bool Enabled, string ValueTemplate) : ConditionDefinition(Enabled)
{
    public override string Kind => "template";
}
