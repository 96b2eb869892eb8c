using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jarvis.Plugins.Model;

/// <summary>
/// Validates <c>plugin.json</c> before any Lua runs (audit finding 15). Every problem is
/// reported, not only the first. Unknown properties are errors: a typo must not pass silently.
/// </summary>
public static partial class ManifestValidator
{
    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal)
    {
        "$schema", "id", "version", "name", "description", "hooks", "permissions", "priority", "limits", "mqttTopics",
    };

    public static ManifestValidation Validate(ReadOnlySpan<byte> json, int maxTimeoutMs, int maxMemoryMb)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return ManifestValidation.Invalid($"plugin.json is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ManifestValidation.Invalid("plugin.json must be a JSON object");
            }

            var errors = new List<string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name))
                {
                    errors.Add($"unknown property '{property.Name}'");
                }
            }

            var id = RequiredString(root, "id", errors);
            if (id is not null && !IdPattern().IsMatch(id))
            {
                errors.Add($"id '{Printable(id)}' must match ^[a-z0-9_]{{3,32}}$ (lowercase letters, digits, underscores; 3 to 32 characters)");
            }

            var version = RequiredString(root, "version", errors);
            if (version is not null && !SemVer().IsMatch(version))
            {
                errors.Add(version.Length == 0 ? "version must not be empty" : $"version '{Printable(version)}' is not a semantic version (for example 1.2.0)");
            }

            var name = RequiredString(root, "name", errors);
            if (name is not null && (name.Trim().Length == 0 || name.Length > 100))
            {
                errors.Add("name must be 1 to 100 characters");
            }

            var description = RequiredString(root, "description", errors);
            if (description is not null && description.Length > 1000)
            {
                errors.Add("description must be at most 1000 characters");
            }

            var hooks = StringList(root, "hooks", required: true, errors);
            if (hooks is not null)
            {
                if (hooks.Count == 0)
                {
                    errors.Add("hooks must name at least one hook");
                }

                foreach (var hook in hooks.Where(h => !PluginHooks.Known.Contains(h)))
                {
                    errors.Add($"unknown hook '{Printable(hook)}' (known: {string.Join(", ", PluginHooks.Known.Order(StringComparer.Ordinal))})");
                }
            }

            var permissions = StringList(root, "permissions", required: true, errors);
            foreach (var permission in permissions?.Where(p => !PluginPermissions.Known.Contains(p)) ?? [])
            {
                errors.Add($"unknown permission '{Printable(permission)}' (known: {string.Join(", ", PluginPermissions.Known.Order(StringComparer.Ordinal))})");
            }

            var topics = StringList(root, "mqttTopics", required: false, errors) ?? [];
            if (permissions?.Contains(PluginPermissions.MqttPublish) == true && topics.Count == 0)
            {
                errors.Add("jarvis.mqtt.publish needs mqttTopics: the topics the plugin may publish on");
            }

            foreach (var topic in topics.Where(t => !MqttTopicFilter.IsValid(t)))
            {
                errors.Add($"mqttTopics entry '{Printable(topic)}' is not a valid MQTT topic filter");
            }

            var priority = 0;
            if (root.TryGetProperty("priority", out var p))
            {
                if (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out priority) || priority is < -1000 or > 1000)
                {
                    errors.Add("priority must be an integer from -1000 to 1000");
                }
            }

            int? timeoutMs = null;
            int? memoryMb = null;
            if (root.TryGetProperty("limits", out var limits))
            {
                if (limits.ValueKind != JsonValueKind.Object)
                {
                    errors.Add("limits must be an object");
                }
                else
                {
                    foreach (var property in limits.EnumerateObject().Where(x => x.Name is not ("timeoutMs" or "memoryMb")))
                    {
                        errors.Add($"unknown property 'limits.{property.Name}'");
                    }

                    timeoutMs = Limit(limits, "timeoutMs", maxTimeoutMs, errors);
                    memoryMb = Limit(limits, "memoryMb", maxMemoryMb, errors);
                }
            }

            if (errors.Count > 0)
            {
                return ManifestValidation.Invalid(string.Join("; ", errors));
            }

            return ManifestValidation.Valid(new PluginManifest(id!, version!, name!, description!, hooks!.Distinct().ToArray(),
                permissions!.Distinct().ToArray(), priority, timeoutMs, memoryMb, topics));
        }
    }

    private static string? RequiredString(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            errors.Add($"{name} is required");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{name} must be a string");
            return null;
        }

        return value.GetString();
    }

    private static List<string>? StringList(JsonElement root, string name, bool required, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add($"{name} is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            errors.Add($"{name} must be an array of strings");
            return null;
        }

        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static int? Limit(JsonElement limits, string name, int max, List<string> errors)
    {
        if (!limits.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var n) || n < 1 || n > max)
        {
            errors.Add($"limits.{name} must be an integer from 1 to {max} (a manifest may only lower the host's limit)");
            return null;
        }

        return n;
    }

    private static string Printable(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);

    // \z, not $: .NET's $ also matches before a final newline, which would accept "good_id\n".
    [GeneratedRegex(@"\A[a-z0-9_]{3,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\A(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SemVer();
}
