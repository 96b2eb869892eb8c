extern alias automation;

using System.Text.Json.Nodes;
using automation::Jarvis.Automation.Devices.Discovery;

namespace Jarvis.Automation.Tests.Devices;

/// <summary>Every abbreviation family expands to Home Assistant's full names, and <c>~</c> becomes the base topic.</summary>
public sealed class DiscoveryConfigTests
{
    [Theory]
    [InlineData("stat_t", "state_topic")]
    [InlineData("cmd_t", "command_topic")]
    [InlineData("cmd_tpl", "command_template")]
    [InlineData("avty_t", "availability_topic")]
    [InlineData("avty_mode", "availability_mode")]
    [InlineData("uniq_id", "unique_id")]
    [InlineData("obj_id", "object_id")]
    [InlineData("val_tpl", "value_template")]
    [InlineData("pl_on", "payload_on")]
    [InlineData("pl_off", "payload_off")]
    [InlineData("pl_avail", "payload_available")]
    [InlineData("pl_not_avail", "payload_not_available")]
    [InlineData("pl_prs", "payload_press")]
    [InlineData("bri_stat_t", "brightness_state_topic")]
    [InlineData("bri_cmd_t", "brightness_command_topic")]
    [InlineData("bri_scl", "brightness_scale")]
    [InlineData("bri_val_tpl", "brightness_value_template")]
    [InlineData("clr_temp_stat_t", "color_temp_state_topic")]
    [InlineData("clr_temp_cmd_t", "color_temp_command_topic")]
    [InlineData("clr_temp_val_tpl", "color_temp_value_template")]
    [InlineData("clr_temp_cmd_tpl", "color_temp_command_template")]
    [InlineData("clr_temp_k", "color_temp_kelvin")]
    [InlineData("json_attr_t", "json_attributes_topic")]
    [InlineData("json_attr_tpl", "json_attributes_template")]
    [InlineData("pos_t", "position_topic")]
    [InlineData("set_pos_t", "set_position_topic")]
    [InlineData("set_pos_tpl", "set_position_template")]
    [InlineData("mode_stat_t", "mode_state_topic")]
    [InlineData("mode_cmd_t", "mode_command_topic")]
    [InlineData("temp_cmd_t", "temperature_command_topic")]
    [InlineData("temp_stat_t", "temperature_state_topic")]
    [InlineData("curr_temp_t", "current_temperature_topic")]
    [InlineData("ops", "options")]
    [InlineData("unit_of_meas", "unit_of_measurement")]
    [InlineData("dev_cla", "device_class")]
    [InlineData("stat_cla", "state_class")]
    [InlineData("ent_cat", "entity_category")]
    [InlineData("sup_clrm", "supported_color_modes")]
    [InlineData("min_mirs", "min_mireds")]
    [InlineData("max_mirs", "max_mireds")]
    [InlineData("ret", "retain")]
    [InlineData("dflt_ent_id", "default_entity_id")]
    public void Entity_abbreviations_expand(string abbreviation, string full)
    {
        var config = DiscoveryConfig.Normalize(new JsonObject { [abbreviation] = "x" });

        Assert.Equal("x", config[full]!.GetValue<string>());
        Assert.False(config.ContainsKey(abbreviation));
    }

    [Fact]
    public void The_whole_entity_table_expands_to_distinct_names()
    {
        Assert.True(Abbreviations.Entity.Count > 200);
        Assert.Equal(Abbreviations.Entity.Count, Abbreviations.Entity.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Device_origin_and_availability_abbreviations_expand()
    {
        var config = DiscoveryConfig.Normalize(JsonNode.Parse("""
            {"dev":{"ids":["a"],"cns":[["mac","aa"]],"mf":"Acme","mdl":"M1","mdl_id":"m-1","sw":"1.2","hw":"rev3","sa":"Study","sn":"123","cu":"http://x","via_device":"hub","name":"Lamp"},
             "o":{"name":"bridge","sw":"2.0","url":"http://support"},
             "avty":[{"t":"a/status","pl_avail":"up","pl_not_avail":"down","val_tpl":"{{ value }}"}]}
            """)!.AsObject());

        var device = config["device"]!.AsObject();
        Assert.Equal(
            ["identifiers", "connections", "manufacturer", "model", "model_id", "sw_version", "hw_version", "suggested_area", "serial_number", "configuration_url", "via_device", "name"],
            device.Select(p => p.Key));
        Assert.Equal(["name", "sw_version", "support_url"], config["origin"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["topic", "payload_available", "payload_not_available", "value_template"], config["availability"]![0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_base_topic_at_the_start_or_the_end_is_expanded_in_every_topic()
    {
        var config = DiscoveryConfig.Normalize(JsonNode.Parse("""
            {"~":"tasmota_DEF456","stat_t":"~/tele/STATE","cmd_t":"cmnd/~","json_attr_t":"~/attrs","val_tpl":"~ not a topic",
             "avty":[{"t":"~/LWT"}],"name":"~"}
            """)!.AsObject());

        Assert.Equal("tasmota_DEF456/tele/STATE", config["state_topic"]!.GetValue<string>());
        Assert.Equal("cmnd/tasmota_DEF456", config["command_topic"]!.GetValue<string>());
        Assert.Equal("tasmota_DEF456/attrs", config["json_attributes_topic"]!.GetValue<string>());
        Assert.Equal("tasmota_DEF456/LWT", config["availability"]![0]!["topic"]!.GetValue<string>());
        Assert.Equal("~ not a topic", config["value_template"]!.GetValue<string>());
        Assert.Equal("~", config["name"]!.GetValue<string>());
    }
}
