namespace Jarvis.Automation.Devices.Templates;

/// <summary>Comparisons (<c>== != &lt; &gt; &lt;= &gt;=</c>), arithmetic (<c>+ - * / // %</c>), concatenation (<c>~</c>) and unary minus.</summary>
internal sealed class BinaryExpression(string op, TemplateExpression? left, TemplateExpression right, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var a = left?.Evaluate(scope);
        var b = right.Evaluate(scope);
        if (left is null)
        {
            return JinjaValues.Arithmetic("-", 0L, b, Path);
        }

        switch (op)
        {
            case "==":
                return JinjaValues.AreEqual(a, b);
            case "!=":
                return !JinjaValues.AreEqual(a, b);
            case "<" or ">" or "<=" or ">=":
                var order = JinjaValues.Compare(a, b, Path);
                return op switch { "<" => order < 0, ">" => order > 0, "<=" => order <= 0, _ => order >= 0 };
            case "~":
                var joined = JinjaValues.ToText(a).Length + (long)JinjaValues.ToText(b).Length;
                scope.CheckLength(joined);
                return JinjaValues.ToText(a) + JinjaValues.ToText(b);
            default:
                if (op == "+" && a is string s1 && b is string s2)
                {
                    scope.CheckLength(s1.Length + (long)s2.Length);
                    return s1 + s2;
                }

                return JinjaValues.Arithmetic(op, a, b, Path);
        }
    }
}
