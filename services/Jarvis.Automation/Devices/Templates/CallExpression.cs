namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>name(arguments)</c>, for the functions the template was compiled to accept (automations: <c>states()</c>, <c>now()</c>, …).</summary>
internal sealed class CallExpression(string function, IReadOnlyList<TemplateExpression> arguments, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(scope);
        }

        return scope.Call(function, values);
    }
}
