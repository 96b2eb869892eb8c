using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A roller blind: open, close, stop and a position from 0 (closed) to 100 (open).</summary>
public sealed class ZigbeeCover(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private int _position = 100;

    protected override string Vendor => "IKEA";

    protected override string Model => "E1757";

    protected override string Description => "FYRTUR roller blind";

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "cover", "cover", null, new JsonObject
        {
            ["stat_t"] = "~",
            ["cmd_t"] = "~/set",
            ["val_tpl"] = "{{ value_json.state }}",
            ["stat_open"] = "OPEN",
            ["stat_clsd"] = "CLOSE",
            ["pl_open"] = "OPEN",
            ["pl_cls"] = "CLOSE",
            ["pl_stop"] = "STOP",
            ["pos_t"] = "~",
            ["pos_tpl"] = "{{ value_json.position }}",
            ["set_pos_t"] = "~/set",
            ["set_pos_tpl"] = "{ \"position\": {{ position }} }",
        }),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["position"] = _position,
        ["state"] = _position > 0 ? "OPEN" : "CLOSE",
        ["battery"] = 74,
        ["linkquality"] = 96,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        if (topic != SetTopic)
        {
            return null;
        }

        var command = Json.TryObject(payload) ?? new JsonObject { ["state"] = payload.Trim() };
        if (Json.Number(command["position"]) is { } position)
        {
            _position = (int)Math.Clamp(Math.Round(position), 0, 100);
        }
        else
        {
            switch ((command["state"] as JsonValue)?.ToString().ToUpperInvariant())
            {
                case "OPEN":
                    _position = 100;
                    break;
                case "CLOSE":
                    _position = 0;
                    break;
                case "STOP":
                    break;
                default:
                    return null;
            }
        }

        // The motor takes its time; the simulated one arrives at once.
        return [StateMessage(StateObject())];
    }
}
