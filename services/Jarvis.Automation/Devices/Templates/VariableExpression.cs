namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>value</c>, <c>value_json</c> or a variable the template was compiled to accept.</summary>
internal sealed class VariableExpression(string name) : TemplateExpression(name)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        return Path switch
        {
            "value" => scope.Value,
            "value_json" => scope.ValueJson,
            _ => scope.Variable(Path),
        };
    }
}
