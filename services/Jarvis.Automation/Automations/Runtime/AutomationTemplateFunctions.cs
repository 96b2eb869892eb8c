using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary><c>states('id')</c>, <c>is_state('id', 'on')</c>, <c>state_attr('id', 'name')</c> and <c>now()</c> for automation templates.</summary>
public sealed class AutomationTemplateFunctions(EntityStateCache states, TimeProvider time) : ITemplateFunctions
{
    public object? Invoke(string name, IReadOnlyList<object?> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        switch (name)
        {
            case "now" when arguments.Count == 0:
                return time.GetLocalNow();
            case "states" when arguments is [string id]:
                return states.Find(id)?.State ?? "unknown";
            case "is_state" when arguments is [string id, var expected]:
                return states.Find(id)?.State is { } state && JinjaText(expected) == state;
            case "state_attr" when arguments is [string id, string attribute]:
                return states.Find(id)?.Attributes[attribute] is { } value ? JsonElements.Value(value) : null;
            default:
                throw new TemplateException($"{name}() was called with the wrong arguments");
        }
    }

    private static string? JinjaText(object? value) => value as string ?? (value is null ? null : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
}
