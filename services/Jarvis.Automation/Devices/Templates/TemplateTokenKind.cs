namespace Jarvis.Automation.Devices.Templates;

internal enum TemplateTokenKind
{
    Name,
    Number,
    String,
    Symbol,
    End,
}
