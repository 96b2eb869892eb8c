namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>value</c> or <c>value_json</c>, the only names a template may read.</summary>
internal sealed class VariableExpression(string name) : TemplateExpression(name)
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "value", "value_json" };

    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        return Path == "value" ? scope.Value : scope.ValueJson;
    }
}
