namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>x | filter</c> or <c>x | filter(arguments)</c>, for the filters in <see cref="TemplateFilters"/>.</summary>
internal sealed class FilterExpression(TemplateExpression target, string filter, IReadOnlyList<TemplateExpression> arguments, string path)
    : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var value = target.Evaluate(scope);
        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i].Evaluate(scope);
        }

        return TemplateFilters.Apply(filter, value, values, scope);
    }
}
