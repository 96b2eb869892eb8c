extern alias automation;

using automation::Jarvis.Automation.Devices;
using automation::Jarvis.Automation.Devices.Commands;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Commands become the payloads each device expects, or a clear error; never an exception.</summary>
public sealed class CommandTranslatorTests
{
    private static IEnumerable<(string Topic, string Payload)> Sent(DiscoveredEntity entity, DeviceCommand command, string? state = null)
    {
        var translation = CommandTranslator.Translate(entity, command, state);
        Assert.True(translation.Succeeded, translation.Error);
        return translation.Messages.Select(m => (m.Topic, m.Payload));
    }

    private static string Refused(DiscoveredEntity entity, DeviceCommand command, string? state = null)
    {
        var translation = CommandTranslator.Translate(entity, command, state);
        Assert.False(translation.Succeeded);
        Assert.Empty(translation.Messages);
        return translation.Error!;
    }

    [Fact]
    public void A_switch_publishes_its_payloads_and_toggles_from_the_current_state()
    {
        var relay = Discovered.Supported(Samples.TasmotaRelayTopic, Samples.TasmotaRelay);

        Assert.Equal([("cmnd/tasmota_ABC123/POWER", "ON")], Sent(relay, new(CommandKind.TurnOn)));
        Assert.Equal([("cmnd/tasmota_ABC123/POWER", "OFF")], Sent(relay, new(CommandKind.TurnOff)));
        Assert.Equal([("cmnd/tasmota_ABC123/POWER", "OFF")], Sent(relay, new(CommandKind.Toggle), "on"));
        Assert.Equal([("cmnd/tasmota_ABC123/POWER", "ON")], Sent(relay, new(CommandKind.Toggle), "off"));
    }

    [Fact]
    public void Custom_payloads_and_a_command_template_shape_the_message()
    {
        var plug = Discovered.Supported("homeassistant/switch/plug/config", """{"cmd_t":"plug/set","pl_on":"1","pl_off":"0","cmd_tpl":"{\"relay\": {{ value }}}","qos":1,"ret":true}""");

        var message = Assert.Single(CommandTranslator.Translate(plug, new(CommandKind.TurnOn)).Messages);

        Assert.Equal(new OutboundMessage("plug/set", """{"relay": 1}""", 1, true), message);
    }

    [Fact]
    public void A_switch_without_a_command_topic_is_read_only()
    {
        var readOnly = Discovered.Supported("homeassistant/switch/ro/config", """{"stat_t":"ro/state"}""");

        Assert.Contains("read-only", Refused(readOnly, new(CommandKind.TurnOn)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_light_sends_state_and_brightness_on_its_scale()
    {
        var light = Discovered.Supported(Samples.Zigbee2MqttLightTopic, Samples.Zigbee2MqttLight);
        const string set = "zigbee2mqtt/Kitchen Ceiling/set";

        Assert.Equal([(set, """{"state":"ON","brightness":127}""")], Sent(light, new(CommandKind.TurnOn, Brightness: 128)));
        Assert.Equal([(set, """{"state":"ON","brightness":254}""")], Sent(light, new(CommandKind.Set, Brightness: 255)));
        Assert.Equal([(set, """{"state":"ON","color_temp":300}""")], Sent(light, new(CommandKind.TurnOn, ColorTemp: 300)));
        Assert.Equal([(set, """{"state":"OFF"}""")], Sent(light, new(CommandKind.TurnOff)));
        Assert.Equal([(set, """{"state":"OFF"}""")], Sent(light, new(CommandKind.TurnOn, Brightness: 0)));
        Assert.Equal([(set, """{"state":"ON"}""")], Sent(light, new(CommandKind.Toggle), "off"));
        Assert.Contains("outside this light's 250..454 mireds", Refused(light, new(CommandKind.TurnOn, ColorTemp: 153)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_light_with_kelvin_sends_kelvin_and_one_without_brightness_refuses_dimming()
    {
        var kelvin = Discovered.Supported("homeassistant/light/k/config", """{"schema":"json","cmd_t":"k/set","color_temp_kelvin":true,"sup_clrm":["color_temp"],"min_kelvin":2000,"max_kelvin":6500}""");
        var onOff = Discovered.Supported("homeassistant/light/o/config", """{"schema":"json","cmd_t":"o/set","sup_clrm":["onoff"]}""");

        Assert.Equal([("k/set", """{"state":"ON","color_temp":4000}""")], Sent(kelvin, new(CommandKind.TurnOn, ColorTemp: 250)));
        Assert.Contains("does not support brightness", Refused(onOff, new(CommandKind.TurnOn, Brightness: 10)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_schema_light_sends_brightness_on_its_topic_in_the_on_command_type_order()
    {
        var tasmota = Discovered.Supported(Samples.TasmotaDimmerTopic, Samples.TasmotaDimmer);
        var last = Discovered.Supported("homeassistant/light/l/config", """{"cmd_t":"l/set","bri_cmd_t":"l/bri","bri_cmd_tpl":"{\"level\": {{ value }}}","clr_temp_cmd_t":"l/ct"}""");
        var first = Discovered.Supported("homeassistant/light/f/config", """{"cmd_t":"f/set","bri_cmd_t":"f/bri","on_cmd_type":"first","pl_on":"1"}""");

        Assert.Equal([("tasmota_DEF456/cmnd/Dimmer", "50")], Sent(tasmota, new(CommandKind.TurnOn, Brightness: 128)));
        Assert.Equal([("tasmota_DEF456/cmnd/POWER", "ON")], Sent(tasmota, new(CommandKind.TurnOn)));
        Assert.Equal([("l/bri", """{"level": 128}"""), ("l/ct", "300"), ("l/set", "ON")], Sent(last, new(CommandKind.TurnOn, Brightness: 128, ColorTemp: 300)));
        Assert.Equal([("f/set", "1"), ("f/bri", "255")], Sent(first, new(CommandKind.TurnOn, Brightness: 255)));
        Assert.Equal([("f/set", "OFF")], Sent(first, new(CommandKind.TurnOff)));
        Assert.Contains("cannot dim", Refused(Discovered.Supported("homeassistant/light/p/config", """{"cmd_t":"p/set"}"""), new(CommandKind.TurnOn, Brightness: 10)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cover_opens_closes_stops_and_goes_to_a_position()
    {
        var blind = Discovered.Supported(Samples.Zigbee2MqttCoverTopic, Samples.Zigbee2MqttCover);
        const string set = "zigbee2mqtt/Bedroom Blind/set";

        Assert.Equal([(set, "OPEN")], Sent(blind, new(CommandKind.TurnOn)));
        Assert.Equal([(set, "CLOSE")], Sent(blind, new(CommandKind.TurnOff)));
        Assert.Equal([(set, "STOP")], Sent(blind, new(CommandKind.Set, Value: "stop")));
        Assert.Equal([(set, "CLOSE")], Sent(blind, new(CommandKind.Toggle), "open"));
        Assert.Equal([(set, """{ "position": 40 }""")], Sent(blind, new(CommandKind.Set, Position: 40)));
        Assert.Contains("open, close or stop", Refused(blind, new(CommandKind.Set, Value: "halfway")), StringComparison.Ordinal);
        Assert.Contains("position 140 is outside 0..100", Refused(blind, new(CommandKind.Set, Position: 140)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cover_position_maps_to_the_device_range()
    {
        var shutter = Discovered.Supported("homeassistant/cover/s/config", """{"cmd_t":"s/cmd","set_pos_t":"s/pos","pos_open":255,"pos_clsd":0}""");

        Assert.Equal([("s/pos", "128")], Sent(shutter, new(CommandKind.Set, Position: 50)));
    }

    [Fact]
    public void A_climate_device_sets_its_mode_and_target_temperature()
    {
        var radiator = Discovered.Supported(Samples.Zigbee2MqttThermostatTopic, Samples.Zigbee2MqttThermostat);

        Assert.Equal([("zigbee2mqtt/Office Radiator/set/system_mode", "heat")], Sent(radiator, new(CommandKind.Set, Value: "heat")));
        Assert.Equal([("zigbee2mqtt/Office Radiator/set/occupied_heating_setpoint", "21.5")], Sent(radiator, new(CommandKind.Set, Value: 21.5)));
        Assert.Equal([("zigbee2mqtt/Office Radiator/set/occupied_heating_setpoint", "20")], Sent(radiator, new(CommandKind.Set, Value: 20)));
        Assert.Equal([("zigbee2mqtt/Office Radiator/set/system_mode", "off")], Sent(radiator, new(CommandKind.TurnOff)));
        Assert.Contains("outside 5..30", Refused(radiator, new(CommandKind.Set, Value: 35)), StringComparison.Ordinal);
        Assert.Contains("needs a mode (off, heat, auto) or a target temperature", Refused(radiator, new(CommandKind.Set, Value: "cool")), StringComparison.Ordinal);
        Assert.Contains("no power_command_topic", Refused(radiator, new(CommandKind.TurnOn)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_climate_command_template_renders_the_value()
    {
        var thermostat = Discovered.Supported("homeassistant/climate/t/config", """{"temp_cmd_t":"t/set","temp_cmd_tpl":"{\"target\": {{ value }}}","mode_cmd_t":"t/mode","mode_cmd_tpl":"{{ value | upper }}"}""");

        Assert.Equal([("t/set", """{"target": 22.5}""")], Sent(thermostat, new(CommandKind.Set, Value: 22.5)));
        Assert.Equal([("t/mode", "COOL")], Sent(thermostat, new(CommandKind.Set, Value: "cool")));
    }

    [Fact]
    public void A_button_is_pressed()
    {
        var restart = Discovered.Supported(Samples.EspHomeRestartTopic, Samples.EspHomeRestart);
        var custom = Discovered.Supported("homeassistant/button/b/config", """{"cmd_t":"b/press","pl_prs":"restart","cmd_tpl":"{\"action\":\"{{ value }}\"}"}""");

        Assert.Equal([("aquarium/button/restart/command", "PRESS")], Sent(restart, new(CommandKind.TurnOn)));
        Assert.Equal([("b/press", """{"action":"restart"}""")], Sent(custom, new(CommandKind.Set)));
        Assert.Contains("pressed with turn_on or set", Refused(restart, new(CommandKind.TurnOff)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_validates_min_max_and_step()
    {
        var level = Discovered.Supported(Samples.EspHomeTargetTopic, Samples.EspHomeTarget);
        const string topic = "aquarium/number/target_level/command";

        Assert.Equal([(topic, "12.5")], Sent(level, new(CommandKind.Set, Value: 12.5)));
        Assert.Equal([(topic, "20")], Sent(level, new(CommandKind.Set, Value: "20")));
        Assert.Contains("outside 10..30", Refused(level, new(CommandKind.Set, Value: 31)), StringComparison.Ordinal);
        Assert.Contains("not on the step 0.5", Refused(level, new(CommandKind.Set, Value: 12.3)), StringComparison.Ordinal);
        Assert.Contains("numeric value", Refused(level, new(CommandKind.Set, Value: "deep")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_select_takes_only_its_options()
    {
        var speed = Discovered.Supported(Samples.EspHomeFanSpeedTopic, Samples.EspHomeFanSpeed);

        Assert.Equal([("air-purifier/select/fan_speed/command", "High")], Sent(speed, new(CommandKind.Set, Value: "High")));
        Assert.Contains("'Turbo' is not one of the options Low, Medium, High", Refused(speed, new(CommandKind.Set, Value: "Turbo")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sensors_unsupported_entities_and_bad_values_are_refused_clearly()
    {
        var sensor = Discovered.Supported(Samples.TasmotaPowerTopic, Samples.TasmotaPower);
        var fan = Discovered.One("homeassistant/fan/f/config", """{"cmd_t":"f/set"}""");
        var relay = Discovered.Supported(Samples.TasmotaRelayTopic, Samples.TasmotaRelay);

        Assert.Contains("a sensor is read-only", Refused(sensor, new(CommandKind.TurnOn)), StringComparison.Ordinal);
        Assert.Contains("component 'fan' is not supported", Refused(fan, new(CommandKind.TurnOn)), StringComparison.Ordinal);
        Assert.Contains("brightness 300 is outside 0..255", Refused(relay, new(CommandKind.TurnOn, Brightness: 300)), StringComparison.Ordinal);
        Assert.Contains("value must be a string or a number", Refused(relay, new(CommandKind.Set, Value: new object())), StringComparison.Ordinal);
        Assert.Contains("unknown command", Refused(relay, new((CommandKind)42)), StringComparison.Ordinal);
        Assert.Contains("switch does not take set", Refused(relay, new(CommandKind.Set, Value: "on")), StringComparison.Ordinal);
    }
}
