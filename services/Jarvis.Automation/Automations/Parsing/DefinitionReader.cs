using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Automations.Parsing;

/// <summary>
/// Reads Home Assistant's automation schema (the subset in docs/automations.md) from a <see cref="DefinitionNode"/>,
/// strictly: every key outside the subset, every value of the wrong kind is an error naming its path; nothing is
/// silently ignored. Templates are compiled here, so that a template error is a 400 and not a failed run.
/// </summary>
public sealed partial class DefinitionReader
{
    /// <summary>Names every template may read besides the run's own variables.</summary>
    public static readonly IReadOnlyList<string> BuiltInNames = ["trigger", "this", "repeat", "wait"];

    /// <summary>Longest duration accepted for <c>delay</c>, <c>for</c> and <c>timeout</c>.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    private readonly List<DefinitionError> _errors = [];
    private readonly Dictionary<string, string> _templates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
    private readonly TemplateLimits _templateLimits;

    private DefinitionReader(TemplateLimits templateLimits) => _templateLimits = templateLimits;

    /// <summary>Parses <paramref name="text"/> (YAML or JSON) and reads one automation from it.</summary>
    public static DefinitionResult Parse(string text, DefinitionLimits? limits = null, TemplateLimits? templateLimits = null)
    {
        limits ??= DefinitionLimits.Default;
        var root = DefinitionDocument.Parse(text, limits, limits.MaxDocumentLength, out var error);
        return root is null ? DefinitionResult.Refused("$", error!) : Read(root, string.Empty, templateLimits);
    }

    /// <summary>Reads one automation from <paramref name="root"/>; <paramref name="path"/> prefixes every error's path.</summary>
    public static DefinitionResult Read(DefinitionNode root, string path, TemplateLimits? templateLimits = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var reader = new DefinitionReader(templateLimits ?? TemplateLimits.Default);
        if (root is not MappingNode map)
        {
            return DefinitionResult.Refused(path.Length == 0 ? "$" : path, "an automation is a mapping (an object) of triggers, conditions and actions");
        }

        var definition = reader.ReadAutomation(map, path);
        var templates = reader.CompileTemplates();
        if (reader._errors.Count > 0 || definition is null)
        {
            return new DefinitionResult(null, null, reader._errors);
        }

        return new DefinitionResult(definition with { Templates = templates }, (JsonObject)map.ToJson(), []);
    }

    private AutomationDefinition? ReadAutomation(MappingNode map, string path)
    {
        var fields = new Fields(map, path, _errors);
        var haId = OptionalText(fields, "id");
        var alias = OptionalText(fields, "alias");
        var description = OptionalText(fields, "description");
        var mode = ReadMode(fields);
        var max = fields.Take("max") is { } maxNode ? Integer(maxNode, fields.At("max"), 1, 1000) ?? 10 : 10;
        var maxExceeded = OptionalText(fields, "max_exceeded") ?? "warning";
        if (maxExceeded is not ("silent" or "critical" or "fatal" or "error" or "warning" or "warn" or "info" or "debug" or "notset"))
        {
            Error(fields.At("max_exceeded"), "max_exceeded is silent or a log level (critical, error, warning, info, debug)");
        }

        var variables = fields.Take("variables") is { } variablesNode ? ReadVariables(variablesNode, fields.At("variables")) : [];
        if (fields.Take("initial_state") is { } initial && (initial as ScalarNode)?.AsBoolean is null)
        {
            Error(fields.At("initial_state"), "initial_state is true or false");
        }

        // Home Assistant's trace settings have no meaning here: every run is traced (Automations:TracesKept).
        if (fields.Take("trace") is not null)
        {
            Error(fields.At("trace"), "'trace' is not supported: Jarvis keeps the last Automations:TracesKept runs of every automation");
        }

        var triggersKey = fields.KeyOf("triggers", "trigger");
        var triggers = fields.Take("triggers", "trigger") is { } triggersNode ? ReadTriggers(triggersNode, fields.At(triggersKey)) : [];
        if (triggers.Count == 0 && !fields.Has("triggers", "trigger"))
        {
            Error(fields.At("triggers"), "triggers are required (at least one)");
        }

        var conditionsKey = fields.KeyOf("conditions", "condition");
        var conditions = fields.Take("conditions", "condition") is { } conditionsNode ? ReadConditions(conditionsNode, fields.At(conditionsKey)) : [];
        var actionsKey = fields.KeyOf("actions", "action");
        var actions = fields.Take("actions", "action") is { } actionsNode ? ReadSequence(actionsNode, fields.At(actionsKey)) : [];
        if (!fields.Has("actions", "action"))
        {
            Error(fields.At("actions"), "actions are required (at least one)");
        }

        fields.Done();
        alias ??= haId ?? "automation";
        return new AutomationDefinition(haId, alias, description, mode, max, maxExceeded, variables, triggers, conditions, actions,
            new Dictionary<string, Template>());
    }

    private AutomationMode ReadMode(Fields fields)
    {
        var text = OptionalText(fields, "mode") ?? "single";
        switch (text)
        {
            case "single": return AutomationMode.Single;
            case "restart": return AutomationMode.Restart;
            case "queued": return AutomationMode.Queued;
            case "parallel": return AutomationMode.Parallel;
            default:
                Error(fields.At("mode"), "mode is single, restart, queued or parallel");
                return AutomationMode.Single;
        }
    }

    private JsonObject ReadVariables(DefinitionNode node, string path)
    {
        if (node is not MappingNode map)
        {
            Error(path, "variables is a mapping of names to values");
            return [];
        }

        foreach (var (name, value) in map.Entries)
        {
            if (!VariableName().IsMatch(name) || BuiltInNames.Contains(name))
            {
                Error($"{path}.{name}", $"'{name}' is not a variable name (letters, digits and _, not {string.Join(", ", BuiltInNames)})");
            }

            _variables.Add(name);
            CollectTemplates(value, $"{path}.{name}");
        }

        return (JsonObject)map.ToJson();
    }

    /// <summary>Every string holding <c>{{</c> or <c>{%</c> below <paramref name="node"/> is a template, compiled at the end.</summary>
    private void CollectTemplates(DefinitionNode node, string path)
    {
        switch (node)
        {
            case ScalarNode scalar when IsTemplate(scalar.Text):
                _templates.TryAdd(scalar.Text, path);
                break;
            case MappingNode map:
                foreach (var (key, value) in map.Entries)
                {
                    CollectTemplates(value, $"{path}.{key}");
                }

                break;
            case SequenceNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    CollectTemplates(list.Items[i], $"{path}[{i}]");
                }

                break;
        }
    }

    public static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    private Dictionary<string, Template> CompileTemplates()
    {
        var names = BuiltInNames.Concat(_variables).ToList();
        var compiled = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var (source, path) in _templates)
        {
            if (Template.TryCompile(source, out var template, out var error, _templateLimits, names, TemplateFunctionNames.Names))
            {
                compiled[source] = template;
            }
            else
            {
                Error(path, $"template error: {error}");
            }
        }

        return compiled;
    }

    private void Error(string path, string message) => _errors.Add(new DefinitionError(path, message));

    private string? OptionalText(Fields fields, string key) => fields.Take(key) is { } node ? Text(node, fields.At(key)) : null;

    private string? Text(DefinitionNode node, string path)
    {
        if (node is ScalarNode scalar && !scalar.IsNull)
        {
            return scalar.Text;
        }

        Error(path, "a text value is expected here");
        return null;
    }

    private bool Boolean(Fields fields, string key, bool fallback)
    {
        if (fields.Take(key) is not { } node)
        {
            return fallback;
        }

        if ((node as ScalarNode)?.AsBoolean is { } flag)
        {
            return flag;
        }

        Error(fields.At(key), $"{key} is true or false");
        return fallback;
    }

    private int? Integer(DefinitionNode node, string path, int min, int max)
    {
        if (node is ScalarNode { AsNumber: { } number } && number == Math.Floor(number) && number >= min && number <= max)
        {
            return (int)number;
        }

        Error(path, $"a whole number from {min} to {max} is expected here");
        return null;
    }

    private double? Number(Fields fields, string key)
    {
        if (fields.Take(key) is not { } node)
        {
            return null;
        }

        if (node is ScalarNode { AsNumber: { } number })
        {
            return number;
        }

        if (node is ScalarNode scalar && double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var quoted) && double.IsFinite(quoted))
        {
            return quoted;
        }

        Error(fields.At(key), $"{key} is a number (entity ids and templates are not supported here)");
        return null;
    }

    /// <summary><c>entity_id</c>: one id, a comma-separated list, or a list of ids.</summary>
    private List<string> EntityIds(DefinitionNode? node, string path, bool required)
    {
        var ids = new List<string>();
        switch (node)
        {
            case null:
                if (required)
                {
                    Error(path, "entity_id is required");
                }

                return ids;
            case ScalarNode scalar when !scalar.IsNull:
                ids.AddRange(scalar.Text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                break;
            case SequenceNode list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (Text(list.Items[i], $"{path}[{i}]") is { } id)
                    {
                        ids.Add(id.Trim());
                    }
                }

                break;
            default:
                Error(path, "entity_id is an entity id or a list of them");
                return ids;
        }

        foreach (var id in ids.Where(id => !EntityIdPattern().IsMatch(id)))
        {
            Error(path, $"'{id}' is not an entity id (domain.object_id, lower case)");
        }

        if (ids.Count == 0 && required)
        {
            Error(path, "entity_id names at least one entity");
        }

        return ids;
    }

    /// <summary>A value or list of values (states compared as text; null stays null: <c>to: ~</c> is "any").</summary>
    private List<string?>? States(DefinitionNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarNode scalar:
                return [scalar.IsNull ? null : scalar.Text];
            case SequenceNode list:
                var states = new List<string?>();
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is ScalarNode item)
                    {
                        states.Add(item.IsNull ? null : item.Text);
                    }
                    else
                    {
                        Error($"{path}[{i}]", "a state is a text value");
                    }
                }

                return states;
            default:
                Error(path, "a state or a list of states is expected here");
                return null;
        }
    }

    /// <summary>A duration: seconds as a number, <c>HH:MM[:SS[.fff]]</c>, or <c>{days, hours, minutes, seconds, milliseconds}</c>.</summary>
    private TimeSpan? Duration(DefinitionNode? node, string path)
    {
        TimeSpan? duration = null;
        switch (node)
        {
            case null:
                return null;
            case ScalarNode { AsNumber: { } seconds } when seconds >= 0 && seconds <= MaxDuration.TotalSeconds:
                duration = TimeSpan.FromSeconds(seconds);
                break;
            case ScalarNode scalar when IsTemplate(scalar.Text):
                Error(path, "templated durations are not supported; write a fixed duration");
                return null;
            case ScalarNode scalar:
                var parts = scalar.Text.Split(':');
                if (parts.Length is 2 or 3
                    && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                    && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes < 60)
                {
                    var secondsPart = 0.0;
                    if (parts.Length == 3 && !(double.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out secondsPart) && secondsPart < 60))
                    {
                        break;
                    }

                    duration = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(secondsPart);
                }

                break;
            case MappingNode map:
                var fields = new Fields(map, path, _errors);
                var total = TimeSpan.Zero;
                foreach (var (key, unit) in new[] { ("days", TimeSpan.FromDays(1)), ("hours", TimeSpan.FromHours(1)), ("minutes", TimeSpan.FromMinutes(1)), ("seconds", TimeSpan.FromSeconds(1)), ("milliseconds", TimeSpan.FromMilliseconds(1)) })
                {
                    if (Number(fields, key) is { } amount && amount >= 0 && amount <= MaxDuration / unit)
                    {
                        total += unit * amount;
                    }
                    else if (map.Has(key))
                    {
                        Error(fields.At(key), $"{key} is a number from 0 up to {MaxDuration.TotalDays} days");
                    }
                }

                fields.Done();
                duration = total;
                break;
        }

        if (duration is not { } found || found > MaxDuration)
        {
            Error(path, $"a duration is seconds, HH:MM:SS or {{hours, minutes, seconds, milliseconds}}, at most {MaxDuration.TotalDays} days");
            return null;
        }

        return found;
    }

    private TimeOnly? TimeOfDay(DefinitionNode node, string path)
    {
        if (node is ScalarNode scalar
            && TimeOnly.TryParseExact(scalar.Text, ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        Error(path, "a time of day is HH:MM or HH:MM:SS (entity ids are not supported here)");
        return null;
    }

    [GeneratedRegex("^[a-z0-9_]+\\.[a-z0-9_]+$")]
    private static partial Regex EntityIdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex VariableName();
}
