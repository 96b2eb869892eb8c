using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A dimmable white-spectrum bulb: a JSON-schema light with brightness (0–254) and colour temperature.</summary>
public sealed class ZigbeeLight(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    public const int MinMireds = 250;
    public const int MaxMireds = 454;
    private bool _on;
    private int _brightness = 254;
    private int _colorTemp = 370;

    protected override string Vendor => "IKEA";

    protected override string Model => "LED2201G8";

    protected override string Description => "TRADFRI bulb E27, white spectrum, globe, opal, 1055 lm";

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "light", "light", null, new JsonObject
        {
            ["schema"] = "json",
            ["stat_t"] = "~",
            ["cmd_t"] = "~/set",
            ["brightness"] = true,
            ["bri_scl"] = 254,
            ["sup_clrm"] = new JsonArray("color_temp"),
            ["min_mirs"] = MinMireds,
            ["max_mirs"] = MaxMireds,
        }),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["state"] = _on ? "ON" : "OFF",
        ["brightness"] = _brightness,
        ["color_temp"] = _colorTemp,
        ["color_mode"] = "color_temp",
        ["linkquality"] = 120,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        if (topic != SetTopic || Command(payload) is not { } command)
        {
            return null;
        }

        var understood = Switch(command["state"], ref _on);
        if (Json.Number(command["brightness"]) is { } brightness)
        {
            // A brightness alone switches a Zigbee light on, and 0 switches it off.
            _brightness = (int)Math.Clamp(Math.Round(brightness), 0, 254);
            _on = _brightness > 0;
            _brightness = Math.Max(_brightness, 1);
            understood = true;
        }

        if (Json.Number(command["color_temp"]) is { } mireds)
        {
            _colorTemp = (int)Math.Clamp(Math.Round(mireds), MinMireds, MaxMireds);
            understood = true;
        }

        return understood ? [StateMessage(StateObject())] : null;
    }
}
