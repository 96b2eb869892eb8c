using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Parsing;

public sealed partial class DefinitionReader
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    private List<ConditionDefinition> ReadConditions(DefinitionNode node, string path)
    {
        var items = node is SequenceNode list ? list.Items : [node];
        var conditions = new List<ConditionDefinition>();
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadCondition(items[i], node is SequenceNode ? $"{path}[{i}]" : path) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private ConditionDefinition? ReadCondition(DefinitionNode node, string path)
    {
        if (node is ScalarNode scalar && IsTemplate(scalar.Text))
        {
            _templates.TryAdd(scalar.Text, path);
            return new TemplateCondition(true, scalar.Text);
        }

        if (node is not MappingNode map)
        {
            Error(path, "a condition is a mapping with 'condition: <kind>', or a template");
            return null;
        }

        var fields = new Fields(map, path, _errors);
        var kind = OptionalText(fields, "condition");
        var enabled = Boolean(fields, "enabled", true);
        fields.Take("alias");
        ConditionDefinition? condition = ReadCondition(fields, kind, enabled, path);
        fields.Done();
        return condition;
    }

    private ConditionDefinition? ReadCondition(Fields fields, string? kind, bool enabled, string path)
    {
        switch (kind)
        {
            case "state":
                var states = States(fields.Take("state"), fields.At("state"));
                if (states is null)
                {
                    Error(fields.At("state"), "state is required");
                }

                if (fields.Take("match") is { } match && (match as ScalarNode)?.Text != "all")
                {
                    Error(fields.At("match"), "only match: all is supported");
                }

                return new StateCondition(enabled, EntityIds(fields.Take("entity_id"), fields.At("entity_id"), true), OptionalText(fields, "attribute"),
                    states ?? [], Duration(fields.Take("for"), fields.At("for")));
            case "numeric_state":
                var above = Number(fields, "above");
                var below = Number(fields, "below");
                if (above is null && below is null)
                {
                    Error(path, "numeric_state needs above, below or both");
                }

                return new NumericStateCondition(enabled, EntityIds(fields.Take("entity_id"), fields.At("entity_id"), true), OptionalText(fields, "attribute"), above, below);
            case "time":
                var after = fields.Take("after") is { } afterNode ? TimeOfDay(afterNode, fields.At("after")) : null;
                var before = fields.Take("before") is { } beforeNode ? TimeOfDay(beforeNode, fields.At("before")) : null;
                List<DayOfWeek>? weekdays = null;
                if (fields.Take("weekday") is { } weekdayNode)
                {
                    weekdays = [];
                    var days = weekdayNode is SequenceNode dayList ? dayList.Items : [weekdayNode];
                    for (var i = 0; i < days.Count; i++)
                    {
                        if (days[i] is ScalarNode day && Weekdays.TryGetValue(day.Text, out var weekday))
                        {
                            weekdays.Add(weekday);
                        }
                        else
                        {
                            Error(weekdayNode is SequenceNode ? $"{fields.At("weekday")}[{i}]" : fields.At("weekday"), "a weekday is mon, tue, wed, thu, fri, sat or sun");
                        }
                    }
                }

                if (after is null && before is null && weekdays is null)
                {
                    Error(path, "a time condition needs after, before or weekday");
                }

                return new TimeCondition(enabled, after, before, weekdays);
            case "and" or "or" or "not":
                var inner = fields.Take("conditions") is { } innerNode ? ReadConditions(innerNode, fields.At("conditions")) : null;
                if (inner is null)
                {
                    Error(fields.At("conditions"), $"a '{kind}' condition needs conditions");
                }

                return new LogicalCondition(enabled, kind, inner ?? []);
            case "template":
                var template = OptionalText(fields, "value_template");
                if (template is null || !IsTemplate(template))
                {
                    Error(fields.At("value_template"), "value_template is required and is a template ({{ … }})");
                    return null;
                }

                _templates.TryAdd(template, fields.At("value_template"));
                return new TemplateCondition(enabled, template);
            case "trigger":
                var idNode = fields.Take("id");
                var ids = idNode is SequenceNode idList
                    ? idList.Items.Select((n, i) => Text(n, $"{fields.At("id")}[{i}]")).OfType<string>().ToList()
                    : idNode is null ? [] : [Text(idNode, fields.At("id")) ?? string.Empty];
                if (ids.Count == 0)
                {
                    Error(fields.At("id"), "id names the triggers (their id)");
                }

                return new TriggerCondition(enabled, ids);
            case null:
                Error(fields.At("condition"), "condition is required: state, numeric_state, time, and, or, not, template or trigger");
                return null;
            default:
                Error(fields.At("condition"), $"the condition '{kind}' is not supported (state, numeric_state, time, and, or, not, template, trigger)");
                return null;
        }
    }
}
