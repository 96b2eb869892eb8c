using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Automations.Parsing;

public sealed partial class DefinitionReader
{
    private List<TriggerDefinition> ReadTriggers(DefinitionNode node, string path)
    {
        var items = node is SequenceNode list ? list.Items : [node];
        var triggers = new List<TriggerDefinition>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = node is SequenceNode ? $"{path}[{i}]" : path;
            if (items[i] is not MappingNode map)
            {
                Error(at, "a trigger is a mapping with 'trigger: <kind>'");
                continue;
            }

            if (ReadTrigger(map, at, i) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        return triggers;
    }

    private TriggerDefinition? ReadTrigger(MappingNode map, string path, int index)
    {
        var fields = new Fields(map, path, _errors);
        var kindKey = fields.KeyOf("trigger", "platform");
        var kind = fields.Take("trigger", "platform") is { } kindNode ? Text(kindNode, fields.At(kindKey)) : null;
        var id = OptionalText(fields, "id");
        var enabled = Boolean(fields, "enabled", true);
        if (fields.Take("variables") is not null)
        {
            Error(fields.At("variables"), "trigger variables are not supported; use the automation's or a variables step");
        }

        TriggerDefinition? trigger;
        switch (kind)
        {
            case "state":
                trigger = new StateTrigger(index, id, enabled, EntityIds(fields.Take("entity_id"), fields.At("entity_id"), true), OptionalText(fields, "attribute"),
                    States(fields.Take("from"), fields.At("from")), States(fields.Take("to"), fields.At("to")), Duration(fields.Take("for"), fields.At("for")));
                break;
            case "numeric_state":
                var above = Number(fields, "above");
                var below = Number(fields, "below");
                if (above is null && below is null)
                {
                    Error(path, "numeric_state needs above, below or both");
                }

                trigger = new NumericStateTrigger(index, id, enabled, EntityIds(fields.Take("entity_id"), fields.At("entity_id"), true), OptionalText(fields, "attribute"),
                    above, below, Duration(fields.Take("for"), fields.At("for")));
                break;
            case "mqtt":
                var topic = OptionalText(fields, "topic");
                if (topic is null || !MqttServiceCollectionExtensions.IsValidFilter(topic))
                {
                    Error(fields.At("topic"), "topic is an MQTT topic filter (+ and # allowed as whole levels)");
                }

                var payload = fields.Take("payload") is { } payloadNode ? Text(payloadNode, fields.At("payload")) : null;
                var valueTemplate = OptionalText(fields, "value_template");
                if (valueTemplate is not null)
                {
                    _templates.TryAdd(valueTemplate, fields.At("value_template"));
                }

                if (fields.Take("qos") is { } qos)
                {
                    Integer(qos, fields.At("qos"), 0, 2);
                }

                if (fields.Take("encoding") is { } encoding && (encoding as ScalarNode)?.Text is not ("utf-8" or "utf8"))
                {
                    Error(fields.At("encoding"), "only utf-8 payloads are supported");
                }

                trigger = new MqttTrigger(index, id, enabled, topic ?? "#", payload, valueTemplate);
                break;
            case "time":
                var atNode = fields.Take("at");
                var times = new List<TimeOnly>();
                var atItems = atNode is SequenceNode atList ? atList.Items : atNode is null ? [] : [atNode];
                for (var i = 0; i < atItems.Count; i++)
                {
                    if (TimeOfDay(atItems[i], atNode is SequenceNode ? $"{fields.At("at")}[{i}]" : fields.At("at")) is { } time)
                    {
                        times.Add(time);
                    }
                }

                if (atNode is null)
                {
                    Error(fields.At("at"), "at is required: a time of day or a list of them");
                }

                trigger = new TimeTrigger(index, id, enabled, times);
                break;
            case "time_pattern":
                var hours = Pattern(fields, "hours", 23);
                var minutes = Pattern(fields, "minutes", 59);
                var seconds = Pattern(fields, "seconds", 59);
                // Home Assistant: a pattern that names no smaller unit fires at its zero (hours: "/2" fires at minute 0 second 0).
                if (hours != TimePattern.Any && !map.Has("minutes"))
                {
                    minutes = new TimePattern(0, null);
                }

                if ((hours != TimePattern.Any || minutes != TimePattern.Any) && !map.Has("seconds"))
                {
                    seconds = new TimePattern(0, null);
                }

                if (!map.Has("hours") && !map.Has("minutes") && !map.Has("seconds"))
                {
                    Error(path, "time_pattern needs hours, minutes or seconds");
                }

                trigger = new TimePatternTrigger(index, id, enabled, hours, minutes, seconds);
                break;
            case "homeassistant":
                if (OptionalText(fields, "event") != "start")
                {
                    Error(fields.At("event"), "event is 'start' (Jarvis's automation service started); 'shutdown' is not supported");
                }

                trigger = new HomeAssistantTrigger(index, id, enabled);
                break;
            case null:
                Error(fields.At("trigger"), "trigger is required: state, numeric_state, mqtt, time, time_pattern or homeassistant");
                return null;
            default:
                Error(fields.At(kindKey), $"the trigger '{kind}' is not supported (state, numeric_state, mqtt, time, time_pattern, homeassistant)");
                return null;
        }

        fields.Done();
        return trigger;
    }

    private TimePattern Pattern(Fields fields, string key, int max)
    {
        if (fields.Take(key) is not ScalarNode node)
        {
            if (fields.Map.Has(key))
            {
                Error(fields.At(key), $"{key} is a number, '*' or '/n'");
            }

            return TimePattern.Any;
        }

        var text = node.Text.Trim();
        if (text == "*")
        {
            return TimePattern.Any;
        }

        if (text.StartsWith('/') && int.TryParse(text[1..], out var every) && every >= 1 && every <= max + 1)
        {
            return new TimePattern(null, every);
        }

        if (int.TryParse(text, out var value) && value >= 0 && value <= max)
        {
            return new TimePattern(value, null);
        }

        Error(fields.At(key), $"{key} is a number from 0 to {max}, '*' or '/n'");
        return TimePattern.Any;
    }
}
