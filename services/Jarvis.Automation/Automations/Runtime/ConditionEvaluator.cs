using System.Globalization;
using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Evaluates conditions against the current states, writing what each saw into <c>seen</c> for the trace.</summary>
public static class ConditionEvaluator
{
    public static bool All(IReadOnlyList<ConditionDefinition> conditions, RunScope scope, JsonArray seen, string path)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (!Holds(conditions[i], scope, seen, $"{path}/{i}"))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Holds(ConditionDefinition condition, RunScope scope, JsonArray seen, string path)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(seen);
        if (!condition.Enabled)
        {
            seen.Add(new JsonObject { ["path"] = path, ["condition"] = condition.Kind, ["enabled"] = false, ["result"] = true });
            return true;
        }

        var entry = new JsonObject { ["path"] = path, ["condition"] = condition.Kind };
        seen.Add(entry);
        bool result;
        switch (condition)
        {
            case StateCondition state:
                var observed = new JsonObject();
                result = true;
                foreach (var entityId in state.EntityIds)
                {
                    var snapshot = scope.States.Find(entityId);
                    var value = state.Attribute is null ? snapshot?.State : JsonElements.Text(snapshot?.Attributes[state.Attribute]);
                    observed[entityId] = value;
                    var held = snapshot is not null && state.States.Contains(value)
                        && (state.For is not { } duration || scope.Time.GetUtcNow() - snapshot.LastChanged >= duration);
                    result &= held;
                }

                entry["saw"] = observed;
                break;
            case NumericStateCondition numeric:
                var numbers = new JsonObject();
                result = true;
                foreach (var entityId in numeric.EntityIds)
                {
                    var snapshot = scope.States.Find(entityId);
                    var text = numeric.Attribute is null ? snapshot?.State : JsonElements.Text(snapshot?.Attributes[numeric.Attribute]);
                    numbers[entityId] = text;
                    result &= TriggerMatcher.InRange(text, numeric.Above, numeric.Below);
                }

                entry["saw"] = numbers;
                break;
            case TimeCondition time:
                var now = scope.Time.GetLocalNow();
                entry["saw"] = now.ToString("yyyy-MM-dd HH:mm:ss ddd", CultureInfo.InvariantCulture);
                result = (time.Weekdays is null || time.Weekdays.Contains(now.DayOfWeek)) && InWindow(TimeOnly.FromDateTime(now.DateTime), time.After, time.Before);
                break;
            case LogicalCondition logical:
                var inner = new JsonArray();
                entry["conditions"] = inner;
                result = logical.Operator switch
                {
                    "and" => logical.Conditions.Select((c, i) => (c, i)).All(x => Holds(x.c, scope, inner, $"{path}/conditions/{x.i}")),
                    "or" => logical.Conditions.Select((c, i) => (c, i)).Any(x => Holds(x.c, scope, inner, $"{path}/conditions/{x.i}")),
                    _ => !logical.Conditions.Select((c, i) => (c, i)).Any(x => Holds(x.c, scope, inner, $"{path}/conditions/{x.i}")),
                };
                break;
            case TemplateCondition template:
                var output = scope.Render(template.ValueTemplate, path).Trim();
                entry["saw"] = output;
                result = output.Equals("true", StringComparison.OrdinalIgnoreCase) || (double.TryParse(output, CultureInfo.InvariantCulture, out var n) && n != 0)
                    || output.Equals("on", StringComparison.OrdinalIgnoreCase) || output.Equals("yes", StringComparison.OrdinalIgnoreCase);
                break;
            case TriggerCondition trigger:
                var id = JsonElements.Text(scope.Trigger["id"]);
                entry["saw"] = id;
                result = id is not null && trigger.Ids.Contains(id);
                break;
            default:
                throw new RunFailedException($"the condition {condition.Kind} at {path} cannot be evaluated");
        }

        entry["result"] = result;
        return result;
    }

    /// <summary>after ≤ now &lt; before; when after &gt; before the window crosses midnight.</summary>
    public static bool InWindow(TimeOnly now, TimeOnly? after, TimeOnly? before)
    {
        var start = after ?? TimeOnly.MinValue;
        if (before is not { } end)
        {
            return now >= start;
        }

        return start <= end ? now >= start && now < end : now >= start || now < end;
    }
}
