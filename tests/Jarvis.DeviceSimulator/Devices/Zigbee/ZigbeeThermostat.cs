using System.Globalization;
using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Zigbee;

/// <summary>A radiator valve: a climate entity with a mode (off/heat/auto) and a target temperature.</summary>
public sealed class ZigbeeThermostat(string baseTopic, string name, string ieeeAddress, string bridgeAddress)
    : ZigbeeDevice(baseTopic, name, ieeeAddress, bridgeAddress)
{
    private static readonly string[] Modes = ["off", "heat", "auto"];
    private double _localTemperature = 19.5;
    private double _setpoint = 20;
    private string _mode = "heat";

    public string SetpointTopic => $"{SetTopic}/current_heating_setpoint";

    public string ModeTopic => $"{SetTopic}/system_mode";

    public override IReadOnlyList<string> CommandTopics => [SetTopic, SetpointTopic, ModeTopic];

    protected override string Vendor => "Danfoss";

    protected override string Model => "014G2461";

    protected override string Description => "Ally thermostat";

    public override int ReadingCount => 1;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix) =>
    [
        Config(prefix, "climate", "climate", null, new JsonObject
        {
            ["temp_unit"] = "C",
            ["temp_step"] = 0.5,
            ["min_temp"] = "5",
            ["max_temp"] = "35",
            ["curr_temp_t"] = "~",
            ["curr_temp_tpl"] = "{{ value_json.local_temperature }}",
            ["temp_cmd_t"] = "~/set/current_heating_setpoint",
            ["temp_stat_t"] = "~",
            ["temp_stat_tpl"] = "{{ value_json.current_heating_setpoint }}",
            ["mode_cmd_t"] = "~/set/system_mode",
            ["mode_stat_t"] = "~",
            ["mode_stat_tpl"] = "{{ value_json.system_mode }}",
            ["modes"] = new JsonArray([.. Modes.Select(m => (JsonNode)m)]),
        }),
    ];

    protected override JsonObject StateObject() => new()
    {
        ["local_temperature"] = _localTemperature,
        ["current_heating_setpoint"] = _setpoint,
        ["system_mode"] = _mode,
        ["running_state"] = _mode != "off" && _localTemperature < _setpoint ? "heat" : "idle",
        ["battery"] = 81,
        ["linkquality"] = 77,
    };

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        JsonObject? command = topic == SetpointTopic ? new JsonObject { ["current_heating_setpoint"] = payload.Trim() }
            : topic == ModeTopic ? new JsonObject { ["system_mode"] = payload.Trim() }
            : topic == SetTopic ? Json.TryObject(payload)
            : null;
        if (command is null)
        {
            return null;
        }

        var understood = false;
        if (Json.Number(command["current_heating_setpoint"]) is { } setpoint)
        {
            _setpoint = Math.Clamp(Math.Round(setpoint * 2) / 2, 5, 35);
            understood = true;
        }

        if ((command["system_mode"] as JsonValue)?.ToString() is { } mode && Modes.Contains(mode.ToLower(CultureInfo.InvariantCulture)))
        {
            _mode = mode.ToLower(CultureInfo.InvariantCulture);
            understood = true;
        }

        return understood ? [StateMessage(StateObject())] : null;
    }

    protected override OutgoingMessage NextReading(Random random)
    {
        // The room warms towards the setpoint while the valve heats, and cools slowly otherwise.
        var towards = _mode != "off" && _localTemperature < _setpoint ? 0.2 : -0.05;
        _localTemperature = Math.Round(Math.Clamp(_localTemperature + towards + ((random.NextDouble() - 0.5) * 0.1), 5, 35), 1);
        return StateMessage(StateObject());
    }
}
