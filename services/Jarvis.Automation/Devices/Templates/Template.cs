using System.Diagnostics.CodeAnalysis;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>
/// A compiled template in the Jinja subset that Home Assistant bridges publish (see docs/devices-templates.md).
/// Compile once with <see cref="TryCompile"/>, render many
/// times with <see cref="Render"/>; neither throws.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<TemplateExpression> _parts;
    private readonly TemplateLimits _limits;

    private Template(string source, IReadOnlyList<TemplateExpression> parts, TemplateLimits limits)
    {
        Source = source;
        _parts = parts;
        _limits = limits;
    }

    /// <summary>The source the template was compiled from.</summary>
    public string Source { get; }

    /// <summary>
    /// Compiles <paramref name="source"/>; anything beyond the subset (statements, unknown filters, functions,
    /// names other than <c>value</c>, <c>value_json</c> and <paramref name="variables"/>, functions other than
    /// <paramref name="functions"/>) or beyond the budgets gives an error naming it.
    /// </summary>
    public static bool TryCompile(
        string source,
        [NotNullWhen(true)] out Template? template,
        [NotNullWhen(false)] out string? error,
        TemplateLimits? limits = null,
        IReadOnlyCollection<string>? variables = null,
        IReadOnlyCollection<string>? functions = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        limits ??= TemplateLimits.Default;
        template = null;
        if (source.Length > limits.MaxSourceLength)
        {
            error = $"the template is {source.Length} characters long; the budget is {limits.MaxSourceLength}";
            return false;
        }

        try
        {
            var parts = new TemplateParser(source, limits.MaxNestingDepth, variables ?? [], functions ?? []).ParseTemplate();
            template = new Template(source, parts, limits);
            error = null;
            return true;
        }
        catch (TemplateException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Renders the template against <paramref name="context"/> within the budgets; never throws.</summary>
    public TemplateResult Render(TemplateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Value is string text && text.Length > _limits.MaxInputLength)
        {
            return TemplateResult.Failure($"the input is {text.Length} characters long; the template budget is {_limits.MaxInputLength}");
        }

        try
        {
            var scope = new TemplateScope(context, _limits);
            var output = new System.Text.StringBuilder();
            foreach (var part in _parts)
            {
                var value = part.Evaluate(scope);
                if (value is Undefined undefined)
                {
                    return TemplateResult.Failure($"'{undefined.Path}' is undefined");
                }

                output.Append(JinjaValues.ToText(value));
                scope.CheckLength(output.Length);
            }

            return TemplateResult.Success(output.ToString());
        }
        catch (TemplateException ex)
        {
            return TemplateResult.Failure(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException or System.Text.Json.JsonException or InsufficientExecutionStackException)
        {
            return TemplateResult.Failure($"the template failed: {ex.Message}");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Source;
}
