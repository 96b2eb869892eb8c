namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>a and b</c>, <c>a or b</c> (short-circuit, returning an operand as Python does) and <c>not a</c>.</summary>
internal sealed class LogicalExpression(string op, TemplateExpression left, TemplateExpression? right, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var first = left.Evaluate(scope);
        return op switch
        {
            "not" => !JinjaValues.IsTrue(first),
            "and" => JinjaValues.IsTrue(first) ? right!.Evaluate(scope) : first,
            _ => JinjaValues.IsTrue(first) ? first : right!.Evaluate(scope),
        };
    }
}
