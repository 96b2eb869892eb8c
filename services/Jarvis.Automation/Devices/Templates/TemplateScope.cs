using System.Diagnostics;
using System.Text.Json;

namespace Jarvis.Automation.Devices.Templates;

/// <summary>One render: the variables, and the step, time and size budgets it is spending.</summary>
internal sealed class TemplateScope(TemplateContext context, TemplateLimits limits)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(limits.EffectiveTimeBudget.TotalSeconds * Stopwatch.Frequency);
    private int _steps;
    private object? _valueJson;
    private bool _parsed;

    public object? Value => context.Value;

    /// <summary><c>value_json</c>: the payload parsed as JSON once, or undefined when it is not JSON.</summary>
    public object? ValueJson
    {
        get
        {
            if (!_parsed)
            {
                _parsed = true;
                _valueJson = Parse(context.Value as string);
            }

            return _valueJson;
        }
    }

    public object? Variable(string name) =>
        context.Variables.TryGetValue(name, out var value) ? value : new Undefined(name);

    public object? Call(string function, IReadOnlyList<object?> arguments) =>
        (context.Functions ?? throw new TemplateException($"function '{function}()' is not available here")).Invoke(function, arguments);

    public void Step()
    {
        if (++_steps > limits.MaxSteps)
        {
            throw new TemplateException($"the template took more than {limits.MaxSteps} steps");
        }

        if ((_steps & 63) == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new TemplateException($"the template ran longer than its {limits.EffectiveTimeBudget.TotalMilliseconds} ms budget");
        }
    }

    public void CheckLength(long length)
    {
        if (length > limits.MaxOutputLength)
        {
            throw new TemplateException($"the template's output would exceed its budget of {limits.MaxOutputLength} characters");
        }
    }

    private static object? Parse(string? text)
    {
        if (text is null)
        {
            return new Undefined("value_json");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return JinjaValues.FromJson(document.RootElement.Clone());
        }
        catch (JsonException)
        {
            return new Undefined("value_json");
        }
    }
}
