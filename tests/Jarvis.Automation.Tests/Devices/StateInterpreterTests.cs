extern alias automation;

using automation::Jarvis.Automation.Devices;
using automation::Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Messages on an entity's topics become its state and attributes, in Home Assistant's names and units.</summary>
public sealed class StateInterpreterTests
{
    private static StateChange Changed(DiscoveredEntity entity, string topic, string payload)
    {
        var outcome = StateInterpreter.Interpret(entity, topic, Discovered.Bytes(payload));
        Assert.True(outcome.Kind == StateOutcomeKind.Changed, outcome.Error);
        return outcome.Change!;
    }

    private static string Rejected(DiscoveredEntity entity, string topic, string payload)
    {
        var outcome = StateInterpreter.Interpret(entity, topic, Discovered.Bytes(payload));
        Assert.Equal(StateOutcomeKind.Rejected, outcome.Kind);
        return outcome.Error!;
    }

    [Fact]
    public void A_json_light_reads_state_brightness_on_its_scale_and_colour_temperature()
    {
        var light = Discovered.Supported(Samples.Zigbee2MqttLightTopic, Samples.Zigbee2MqttLight);

        var change = Changed(light, "zigbee2mqtt/Kitchen Ceiling", """{"state":"ON","brightness":254,"color_temp":370,"color_mode":"color_temp","linkquality":120}""");

        Assert.Equal("on", change.State);
        Assert.Equal(255, (int)change.Attributes["brightness"]!);
        Assert.Equal(370, (int)change.Attributes["color_temp"]!);
        Assert.Equal(2703, (int)change.Attributes["color_temp_kelvin"]!);
        Assert.Equal("color_temp", (string)change.Attributes["color_mode"]!);
        Assert.Equal(128, (int)Changed(light, "zigbee2mqtt/Kitchen Ceiling", """{"state":"OFF","brightness":127}""").Attributes["brightness"]!);
    }

    [Fact]
    public void A_json_light_with_kelvin_reads_kelvin()
    {
        var light = Discovered.Supported("homeassistant/light/k/config", """{"schema":"json","cmd_t":"k/set","stat_t":"k","brightness":true,"color_temp_kelvin":true,"sup_clrm":["color_temp"]}""");

        var change = Changed(light, "k", """{"state":"ON","color_temp":4000}""");

        Assert.Equal(250, (int)change.Attributes["color_temp"]!);
        Assert.Equal(4000, (int)change.Attributes["color_temp_kelvin"]!);
    }

    [Fact]
    public void A_default_schema_light_reads_state_and_brightness_from_one_topic_through_templates()
    {
        var dimmer = Discovered.Supported(Samples.TasmotaDimmerTopic, Samples.TasmotaDimmer);

        var change = Changed(dimmer, "tasmota_DEF456/tele/STATE", """{"Time":"2026-12-07T10:00:00","POWER":"ON","Dimmer":50}""");

        Assert.Equal("on", change.State);
        Assert.Equal(128, (int)change.Attributes["brightness"]!);
    }

    [Fact]
    public void A_default_schema_light_reads_colour_temperature_from_its_topic()
    {
        var light = Discovered.Supported("homeassistant/light/ct/config", """{"cmd_t":"ct/set","stat_t":"ct/state","clr_temp_stat_t":"ct/temp","clr_temp_cmd_t":"ct/temp/set"}""");

        Assert.Equal("off", Changed(light, "ct/state", "OFF").State);
        Assert.Equal(300, (int)Changed(light, "ct/temp", "300").Attributes["color_temp"]!);
        Assert.Contains("'warm' is not a number", Rejected(light, "ct/temp", "warm"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_switch_reads_on_and_off_through_its_template()
    {
        var relay = Discovered.Supported(Samples.TasmotaRelayTopic, Samples.TasmotaRelay);

        Assert.Equal("on", Changed(relay, "tele/tasmota_ABC123/STATE", """{"POWER":"ON","Wifi":{"RSSI":70}}""").State);
        Assert.Equal("off", Changed(relay, "tele/tasmota_ABC123/STATE", """{"POWER":"OFF"}""").State);
        Assert.Contains("matches neither the on payload 'ON' nor the off payload 'OFF'", Rejected(relay, "tele/tasmota_ABC123/STATE", """{"POWER":"BLINK"}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sensor_state_is_the_rendered_value()
    {
        var power = Discovered.Supported(Samples.TasmotaPowerTopic, Samples.TasmotaPower);
        var temperature = Discovered.Supported(Samples.Zigbee2MqttTemperatureTopic, Samples.Zigbee2MqttTemperature);
        var esphome = Discovered.Supported("homeassistant/sensor/living-room/temperature/config", """{"name":"Temperature","stat_t":"living-room/sensor/temperature/state","unit_of_meas":"°C"}""");

        Assert.Equal("42", Changed(power, "tele/tasmota_ABC123/SENSOR", """{"ENERGY":{"Power":42,"Voltage":231}}""").State);
        Assert.Equal("21.5", Changed(temperature, "zigbee2mqtt/Living Room Climate", """{"temperature":21.5,"humidity":48}""").State);
        Assert.Equal("21.4", Changed(esphome, "living-room/sensor/temperature/state", "21.4").State);
        Assert.Contains("'value_json.temperature' is undefined", Rejected(temperature, "zigbee2mqtt/Living Room Climate", """{"battery":90}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_sensor_compares_python_style_booleans()
    {
        var door = Discovered.Supported(Samples.Zigbee2MqttContactTopic, Samples.Zigbee2MqttContact);

        Assert.Equal("on", Changed(door, "zigbee2mqtt/Front Door", """{"contact":false}""").State);
        Assert.Equal("off", Changed(door, "zigbee2mqtt/Front Door", """{"contact":true}""").State);
    }

    [Fact]
    public void A_cover_reads_its_state_and_position()
    {
        var blind = Discovered.Supported(Samples.Zigbee2MqttCoverTopic, Samples.Zigbee2MqttCover);

        var change = Changed(blind, "zigbee2mqtt/Bedroom Blind", """{"motor_state":"UP","position":40}""");

        Assert.Equal("opening", change.State);
        Assert.Equal(40, (int)change.Attributes["current_position"]!);
    }

    [Fact]
    public void A_cover_with_only_a_position_topic_derives_open_or_closed()
    {
        var shutter = Discovered.Supported("homeassistant/cover/shutter/config", """{"cmd_t":"sh/cmd","pos_t":"sh/pos","set_pos_t":"sh/pos/set","pos_open":255,"pos_clsd":0}""");

        var closed = Changed(shutter, "sh/pos", "0");
        var half = Changed(shutter, "sh/pos", "128");

        Assert.Equal(("closed", 0), (closed.State, (int)closed.Attributes["current_position"]!));
        Assert.Equal(("open", 50), (half.State, (int)half.Attributes["current_position"]!));
    }

    [Fact]
    public void A_climate_device_reads_mode_target_and_current_temperature_from_one_payload()
    {
        var radiator = Discovered.Supported(Samples.Zigbee2MqttThermostatTopic, Samples.Zigbee2MqttThermostat);

        var change = Changed(radiator, "zigbee2mqtt/Office Radiator", """{"system_mode":"heat","occupied_heating_setpoint":21.5,"local_temperature":19.2}""");

        Assert.Equal("heat", change.State);
        Assert.Equal("heat", (string)change.Attributes["hvac_mode"]!);
        Assert.Equal(21.5, (double)change.Attributes["temperature"]!);
        Assert.Equal(19.2, (double)change.Attributes["current_temperature"]!);
    }

    [Fact]
    public void A_number_and_a_select_validate_what_they_read()
    {
        var level = Discovered.Supported(Samples.EspHomeTargetTopic, Samples.EspHomeTarget);
        var speed = Discovered.Supported(Samples.EspHomeFanSpeedTopic, Samples.EspHomeFanSpeed);

        Assert.Equal("12.5", Changed(level, "aquarium/number/target_level/state", "12.5").State);
        Assert.Contains("'deep' is not a number", Rejected(level, "aquarium/number/target_level/state", "deep"), StringComparison.Ordinal);
        Assert.Equal("Medium", Changed(speed, "air-purifier/select/fan_speed/state", "Medium").State);
        Assert.Contains("'Turbo' is not one of the options Low, Medium, High", Rejected(speed, "air-purifier/select/fan_speed/state", "Turbo"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_attributes_become_attributes()
    {
        var dimmer = Discovered.Supported(Samples.TasmotaDimmerTopic, Samples.TasmotaDimmer);

        var change = Changed(dimmer, "tasmota_DEF456/tele/HASS_STATE", """{"Version":"13.4.0","RSSI":72,"Wifi":{"Channel":6}}""");

        Assert.Null(change.State);
        Assert.Equal("13.4.0", (string)change.Attributes["Version"]!);
        Assert.Equal(6, (int)change.Attributes["Wifi"]!["Channel"]!);
    }

    [Fact]
    public void Wildcard_state_topics_match()
    {
        var sensor = Discovered.Supported("homeassistant/sensor/w/config", """{"stat_t":"home/+/temperature"}""");

        Assert.Equal("20", Changed(sensor, "home/attic/temperature", "20").State);
        Assert.Equal(StateOutcomeKind.NotForMe, StateInterpreter.Interpret(sensor, "home/attic/humidity", Discovered.Bytes("20")).Kind);
    }

    [Fact]
    public void Other_topics_are_not_for_the_entity()
    {
        var relay = Discovered.Supported(Samples.TasmotaRelayTopic, Samples.TasmotaRelay);

        Assert.Equal(StateOutcome.NotForMe, StateInterpreter.Interpret(relay, "tele/other/STATE", Discovered.Bytes("ON")));
    }

    [Fact]
    public void Bad_payloads_are_rejected_with_a_reason_never_thrown()
    {
        var light = Discovered.Supported(Samples.Zigbee2MqttLightTopic, Samples.Zigbee2MqttLight);
        var huge = "{\"state\":\"ON\",\"x\":\"" + new string('x', 1024 * 1024) + "\"}";

        Assert.Contains("must be a JSON object", Rejected(light, "zigbee2mqtt/Kitchen Ceiling", "{\"state\":"), StringComparison.Ordinal);
        Assert.Contains("at most 65536 are read", Rejected(light, "zigbee2mqtt/Kitchen Ceiling", huge), StringComparison.Ordinal);
        Assert.Equal("the payload is not UTF-8 text", StateInterpreter.Interpret(light, "zigbee2mqtt/Kitchen Ceiling", [0xc3, 0x28]).Error);
    }

    [Fact]
    public void A_state_longer_than_home_assistant_keeps_is_refused()
    {
        var sensor = Discovered.Supported("homeassistant/sensor/long/config", """{"stat_t":"long"}""");

        Assert.Contains("at most 255 are kept", Rejected(sensor, "long", new string('a', 300)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_entity_rejects_its_messages_with_its_reason()
    {
        var fan = Discovered.One("homeassistant/fan/f/config", """{"cmd_t":"f/set","json_attr_t":"f/attrs"}""");

        Assert.Contains("component 'fan' is not supported", Rejected(fan, "f/attrs", "{}"), StringComparison.Ordinal);
    }
}
