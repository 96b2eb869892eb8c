namespace Jarvis.Automation.Devices.Templates;

/// <summary>A literal: text around <c>{{ }}</c>, a string, a number, true, false or none.</summary>
internal sealed class LiteralExpression(object? value, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        return value;
    }
}
