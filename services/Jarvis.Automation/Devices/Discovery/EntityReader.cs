using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Availability;
using Jarvis.Automation.Devices.Components;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Discovery;

/// <summary>Reads one normalised component config into a <see cref="DiscoveredEntity"/>: supported, unsupported or invalid, never an exception.</summary>
public static class EntityReader
{
    private static readonly Dictionary<string, Func<ConfigReader, ComponentConfig>> Readers = new(StringComparer.Ordinal)
    {
        ["switch"] = SwitchConfig.From,
        ["sensor"] = SensorConfig.From,
        ["binary_sensor"] = BinarySensorConfig.From,
        ["cover"] = CoverConfig.From,
        ["climate"] = ClimateConfig.From,
        ["button"] = ButtonConfig.From,
        ["number"] = NumberConfig.From,
        ["select"] = SelectConfig.From,
    };

    /// <summary>The components Jarvis reads and commands.</summary>
    public static IReadOnlyList<string> SupportedComponents { get; } = ["light", .. Readers.Keys];

    /// <summary>
    /// The entity <paramref name="config"/> describes (a config already put through <see cref="DiscoveryConfig.Normalize"/>).
    /// Also the way to rebuild a stored entity from its stored config.
    /// </summary>
    public static DiscoveredEntity Read(DiscoveryKey key, string discoveryTopic, string component, JsonObject config, TemplateLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(discoveryTopic);
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(config);
        var r = new ConfigReader(config, limits ?? TemplateLimits.Default);
        var entity = new DiscoveredEntity
        {
            Key = key,
            DiscoveryTopic = discoveryTopic,
            Component = component,
            Support = EntitySupport.Supported,
            ConfigJson = config.ToJsonString(),
            Name = r.Text("name"),
            UniqueId = r.Text("unique_id"),
            ObjectId = r.Text("object_id"),
            DefaultEntityId = r.Text("default_entity_id"),
            Device = ReadDevice(r),
            Availability = AvailabilitySpec.From(r),
            JsonAttributesTopic = r.Topic("json_attributes_topic"),
            JsonAttributesTemplate = r.Template("json_attributes_template"),
            Qos = r.Whole("qos", 0, 0, 2),
            Retain = r.Flag("retain", false),
        };

        var (componentConfig, unsupported) = ReadComponent(component, r);
        if (unsupported is not null)
        {
            return entity with { Support = EntitySupport.Unsupported, Problem = unsupported };
        }

        return r.Problems.Count > 0
            ? entity with { Support = EntitySupport.Invalid, Problem = string.Join("; ", r.Problems) }
            : entity with { Config = componentConfig };
    }

    private static (ComponentConfig? Config, string? Unsupported) ReadComponent(string component, ConfigReader r)
    {
        if (component == "light")
        {
            return (r.Text("schema") ?? "default") switch
            {
                "default" or "basic" => (LightConfig.From(r), null),
                "json" => (JsonLightConfig.From(r), null),
                var schema => (null, $"light schema '{schema}' is not supported; the default and json schemas are"),
            };
        }

        return Readers.TryGetValue(component, out var read)
            ? (read(r), null)
            : (null, $"component '{component}' is not supported yet; supported are {string.Join(", ", SupportedComponents)}");
    }

    private static DeviceInfo? ReadDevice(ConfigReader r)
    {
        var node = r.Config["device"];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonObject device)
        {
            r.Problems.Add("device must be an object");
            return null;
        }

        var d = new ConfigReader(device, r.Limits);
        var identifiers = device["identifiers"]?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
            ? [d.Text("identifiers")!]
            : d.TextList("identifiers") ?? [];
        var connections = new List<string>();
        if (device["connections"] is JsonArray pairs)
        {
            foreach (var pair in pairs)
            {
                if (pair is JsonArray { Count: 2 } p && p[0]?.GetValueKind() == JsonValueKind.String && p[1]?.GetValueKind() == JsonValueKind.String)
                {
                    connections.Add($"{p[0]!.GetValue<string>()}:{p[1]!.GetValue<string>()}");
                }
                else
                {
                    d.Problems.Add($"each connection must be a [type, value] pair, got {pair?.ToJsonString() ?? "null"}");
                }
            }
        }

        var info = new DeviceInfo(
            identifiers, connections, d.Text("name"), d.Text("manufacturer"), d.Text("model"), d.Text("sw_version"),
            d.Text("hw_version"), d.Text("suggested_area"), d.Text("via_device"), d.Text("configuration_url"));
        r.Problems.AddRange(d.Problems.Select(p => "device: " + p));
        return info;
    }
}
