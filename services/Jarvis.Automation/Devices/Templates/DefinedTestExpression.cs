namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>x is defined</c> or <c>x is not defined</c>.</summary>
internal sealed class DefinedTestExpression(TemplateExpression target, bool negated, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var defined = target.Evaluate(scope) is not Undefined;
        return defined != negated;
    }
}
