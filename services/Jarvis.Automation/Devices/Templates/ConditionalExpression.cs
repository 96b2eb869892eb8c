namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>x if condition else y</c>; without <c>else</c> a false condition is undefined, as in Jinja.</summary>
internal sealed class ConditionalExpression(TemplateExpression then, TemplateExpression condition, TemplateExpression? otherwise, string path)
    : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        if (JinjaValues.IsTrue(condition.Evaluate(scope)))
        {
            return then.Evaluate(scope);
        }

        return otherwise is null ? new Undefined(Path) : otherwise.Evaluate(scope);
    }
}
