namespace Jarvis.Automation.Automations.Parsing;

/// <summary>The actions (services) an automation may call, and the data each takes.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Services { get; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["light.turn_on"] = new HashSet<string> { "brightness", "brightness_pct", "color_temp" },
        ["light.turn_off"] = new HashSet<string>(),
        ["light.toggle"] = new HashSet<string>(),
        ["switch.turn_on"] = new HashSet<string>(),
        ["switch.turn_off"] = new HashSet<string>(),
        ["switch.toggle"] = new HashSet<string>(),
        ["cover.open_cover"] = new HashSet<string>(),
        ["cover.close_cover"] = new HashSet<string>(),
        ["cover.stop_cover"] = new HashSet<string>(),
        ["cover.set_cover_position"] = new HashSet<string> { "position" },
        ["climate.set_temperature"] = new HashSet<string> { "temperature" },
        ["climate.set_hvac_mode"] = new HashSet<string> { "hvac_mode" },
        ["climate.turn_on"] = new HashSet<string>(),
        ["climate.turn_off"] = new HashSet<string>(),
        ["homeassistant.turn_on"] = new HashSet<string>(),
        ["homeassistant.turn_off"] = new HashSet<string>(),
        ["homeassistant.toggle"] = new HashSet<string>(),
        ["mqtt.publish"] = new HashSet<string> { "topic", "payload", "qos", "retain" },
        ["notify.jarvis"] = new HashSet<string> { "message", "title", "user_id" },
    };

    /// <summary>Device domains: their actions need <c>target.entity_id</c>; <c>mqtt</c> and <c>notify</c> take none.</summary>
    public static bool TakesEntities(string domain) => domain is not ("mqtt" or "notify");

    public static IEnumerable<string> RequiredData(string service) => service switch
    {
        "cover.set_cover_position" => ["position"],
        "climate.set_temperature" => ["temperature"],
        "climate.set_hvac_mode" => ["hvac_mode"],
        "mqtt.publish" => ["topic"],
        "notify.jarvis" => ["message"],
        _ => [],
    };
}
