using System.Text.Json.Nodes;
using Jarvis.Automation.Automations.Definitions;

namespace Jarvis.Automation.Automations.Parsing;

public sealed partial class DefinitionReader
{
    private static readonly string[] StepKinds = ["action", "service", "delay", "wait_for_trigger", "choose", "if", "repeat", "stop", "variables", "condition"];

    private List<ActionDefinition> ReadSequence(DefinitionNode node, string path)
    {
        var items = node is SequenceNode list ? list.Items : [node];
        var steps = new List<ActionDefinition>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = node is SequenceNode ? $"{path}[{i}]" : path;
            if (items[i] is not MappingNode map)
            {
                Error(at, "a step is a mapping (action, delay, wait_for_trigger, choose, if, repeat, stop, variables or condition)");
                continue;
            }

            if (ReadStep(map, at) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private ActionDefinition? ReadStep(MappingNode map, string path)
    {
        var kinds = StepKinds.Where(map.Has).ToList();
        if (kinds.Count != 1)
        {
            Error(path, kinds.Count == 0
                ? $"the step does only what is not supported ({string.Join(", ", map.Entries.Select(e => e.Key))}); supported: {string.Join(", ", StepKinds)}"
                : $"a step does one thing; this one has {string.Join(" and ", kinds)}");
            return null;
        }

        var fields = new Fields(map, path, _errors);
        var alias = OptionalText(fields, "alias");
        var enabled = Boolean(fields, "enabled", true);
        ActionDefinition? step = kinds[0] switch
        {
            "action" or "service" => ReadService(fields, enabled, alias),
            "delay" => Duration(fields.Take("delay"), fields.At("delay")) is { } delay ? new DelayAction(enabled, alias, delay) : null,
            "wait_for_trigger" => ReadWaitForTrigger(fields, enabled, alias),
            "choose" => ReadChoose(fields, enabled, alias),
            "if" => ReadIf(fields, enabled, alias),
            "repeat" => ReadRepeat(fields, enabled, alias),
            "stop" => new StopAction(enabled, alias, OptionalText(fields, "stop") ?? "stopped", Boolean(fields, "error", false)),
            "variables" => new VariablesAction(enabled, alias, ReadVariables(fields.Take("variables")!, fields.At("variables"))),
            _ => ReadCondition(fields, OptionalText(fields, "condition"), enabled, path) is { } condition ? new ConditionAction(enabled, alias, condition) : null,
        };
        fields.Done();
        return step;
    }

    private ServiceAction? ReadService(Fields fields, bool enabled, string? alias)
    {
        var key = fields.KeyOf("action", "service");
        var service = fields.Take("action", "service") is { } node ? Text(node, fields.At(key)) : null;
        if (service is null || !ServiceCatalog.Services.TryGetValue(service, out var allowedData))
        {
            Error(fields.At(key), $"the action '{service}' is not supported; supported: {string.Join(", ", ServiceCatalog.Services.Keys)}");
            return null;
        }

        var ids = new List<string>();
        if (fields.Take("target") is { } targetNode)
        {
            if (targetNode is MappingNode target)
            {
                var targetFields = new Fields(target, fields.At("target"), _errors);
                ids.AddRange(EntityIds(targetFields.Take("entity_id"), targetFields.At("entity_id"), true));
                targetFields.Done();
            }
            else
            {
                Error(fields.At("target"), "target is a mapping with entity_id (area_id and device_id are not supported)");
            }
        }

        if (fields.Take("entity_id") is { } legacyIds)
        {
            ids.AddRange(EntityIds(legacyIds, fields.At("entity_id"), true));
        }

        var data = new JsonObject();
        var dataKey = fields.KeyOf("data", "data_template");
        if (fields.Take("data", "data_template") is { } dataNode)
        {
            if (dataNode is not MappingNode dataMap)
            {
                Error(fields.At(dataKey), "data is a mapping");
            }
            else
            {
                foreach (var (name, value) in dataMap.Entries)
                {
                    var at = $"{fields.At(dataKey)}.{name}";
                    if (name == "entity_id")
                    {
                        ids.AddRange(EntityIds(value, at, true));
                        continue;
                    }

                    if (!allowedData.Contains(name))
                    {
                        Error(at, $"'{name}' is not supported by {service}; it takes {(allowedData.Count == 0 ? "no data" : string.Join(", ", allowedData))}");
                        continue;
                    }

                    CollectTemplates(value, at);
                    data[name] = value.ToJson();
                }
            }
        }

        var domain = service[..service.IndexOf('.', StringComparison.Ordinal)];
        if (ServiceCatalog.TakesEntities(domain))
        {
            if (ids.Count == 0)
            {
                Error(fields.At("target"), $"{service} needs target.entity_id");
            }

            foreach (var id in ids)
            {
                var entityDomain = id[..Math.Max(0, id.IndexOf('.', StringComparison.Ordinal))];
                if (domain != "homeassistant" && entityDomain != domain)
                {
                    Error(fields.At("target"), $"{service} commands {domain} entities; {id} is a {entityDomain} (use homeassistant.* for any)");
                }
            }
        }
        else if (ids.Count > 0)
        {
            Error(fields.At("target"), $"{service} takes no target");
        }

        foreach (var required in ServiceCatalog.RequiredData(service).Where(r => !data.ContainsKey(r)))
        {
            Error(fields.At("data"), $"{service} needs data.{required}");
        }

        return new ServiceAction(enabled, alias, service, ids.Distinct(StringComparer.Ordinal).ToList(), data);
    }

    private WaitForTriggerAction ReadWaitForTrigger(Fields fields, bool enabled, string? alias)
    {
        var triggers = ReadTriggers(fields.Take("wait_for_trigger")!, fields.At("wait_for_trigger"));
        foreach (var trigger in triggers.Where(t => t is HomeAssistantTrigger))
        {
            Error(fields.At("wait_for_trigger"), "a homeassistant start trigger cannot be waited for");
        }

        var timeout = Duration(fields.Take("timeout"), fields.At("timeout"));
        var continueOnTimeout = Boolean(fields, "continue_on_timeout", true);
        return new WaitForTriggerAction(enabled, alias, triggers, timeout, continueOnTimeout);
    }

    private ChooseAction? ReadChoose(Fields fields, bool enabled, string? alias)
    {
        var node = fields.Take("choose")!;
        var items = node is SequenceNode list ? list.Items : [node];
        var options = new List<ChooseOption>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = node is SequenceNode ? $"{fields.At("choose")}[{i}]" : fields.At("choose");
            if (items[i] is not MappingNode map)
            {
                Error(at, "a choose option is a mapping of conditions and sequence");
                continue;
            }

            var option = new Fields(map, at, _errors);
            var conditionsKey = option.KeyOf("conditions", "condition");
            var conditions = option.Take("conditions", "condition") is { } c ? ReadConditions(c, option.At(conditionsKey)) : [];
            var sequence = option.Take("sequence") is { } s ? ReadSequence(s, option.At("sequence")) : null;
            option.Take("alias");
            if (sequence is null)
            {
                Error(option.At("sequence"), "a choose option needs a sequence");
            }

            option.Done();
            options.Add(new ChooseOption(conditions, sequence ?? []));
        }

        var defaultSequence = fields.Take("default") is { } d ? ReadSequence(d, fields.At("default")) : null;
        return new ChooseAction(enabled, alias, options, defaultSequence);
    }

    private IfAction ReadIf(Fields fields, bool enabled, string? alias)
    {
        var conditions = ReadConditions(fields.Take("if")!, fields.At("if"));
        var then = fields.Take("then") is { } t ? ReadSequence(t, fields.At("then")) : null;
        if (then is null)
        {
            Error(fields.At("then"), "if needs then");
        }

        var otherwise = fields.Take("else") is { } e ? ReadSequence(e, fields.At("else")) : null;
        return new IfAction(enabled, alias, conditions, then ?? [], otherwise);
    }

    private RepeatAction? ReadRepeat(Fields fields, bool enabled, string? alias)
    {
        if (fields.Take("repeat") is not MappingNode map)
        {
            Error(fields.At("repeat"), "repeat is a mapping of count, while or until, and sequence");
            return null;
        }

        var repeat = new Fields(map, fields.At("repeat"), _errors);
        string? count = null;
        if (repeat.Take("count") is { } countNode)
        {
            if (countNode is ScalarNode scalar && IsTemplate(scalar.Text))
            {
                count = scalar.Text;
                _templates.TryAdd(count, repeat.At("count"));
            }
            else
            {
                count = Integer(countNode, repeat.At("count"), 0, 1_000_000)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var whileConditions = repeat.Take("while") is { } w ? ReadConditions(w, repeat.At("while")) : null;
        var untilConditions = repeat.Take("until") is { } u ? ReadConditions(u, repeat.At("until")) : null;
        if (repeat.Take("for_each") is not null)
        {
            Error(repeat.At("for_each"), "for_each is not supported; use count, while or until");
        }

        var ways = (map.Has("count") ? 1 : 0) + (whileConditions is null ? 0 : 1) + (untilConditions is null ? 0 : 1);
        if (ways != 1)
        {
            Error(fields.At("repeat"), "repeat needs exactly one of count, while or until");
        }

        var sequence = repeat.Take("sequence") is { } s ? ReadSequence(s, repeat.At("sequence")) : null;
        if (sequence is null)
        {
            Error(repeat.At("sequence"), "repeat needs a sequence");
        }

        repeat.Done();
        return new RepeatAction(enabled, alias, count, whileConditions, untilConditions, sequence ?? []);
    }
}
