using System.Text.Json;

namespace Jarvis.Automation.Devices.Templates;

/// <summary><c>x.key</c>, <c>x['key']</c> or <c>x[0]</c> on a JSON object or array; a missing key is undefined.</summary>
internal sealed class LookupExpression(TemplateExpression target, TemplateExpression key, string path) : TemplateExpression(path)
{
    public override object? Evaluate(TemplateScope scope)
    {
        scope.Step();
        var container = target.Evaluate(scope);
        var index = key.Evaluate(scope);
        if (container is JsonElement { ValueKind: JsonValueKind.Object } obj && index is string name)
        {
            return obj.TryGetProperty(name, out var property) ? JinjaValues.FromJson(property) : new Undefined(Path);
        }

        if (container is JsonElement { ValueKind: JsonValueKind.Array } array && index is long at)
        {
            var length = array.GetArrayLength();
            var position = at < 0 ? length + at : at;
            return position >= 0 && position < length ? JinjaValues.FromJson(array[(int)position]) : new Undefined(Path);
        }

        if (container is DateTimeOffset time && index is string part)
        {
            return part switch
            {
                "year" => (long)time.Year,
                "month" => (long)time.Month,
                "day" => (long)time.Day,
                "hour" => (long)time.Hour,
                "minute" => (long)time.Minute,
                "second" => (long)time.Second,
                "microsecond" => (long)(time.Ticks % TimeSpan.TicksPerSecond / 10),
                _ => new Undefined(Path),
            };
        }

        return new Undefined(Path);
    }
}
