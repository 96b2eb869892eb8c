namespace Jarvis.Automation.Tests.Devices;

/// <summary>Discovery configs in the shapes Zigbee2MQTT, Tasmota and ESPHome publish (written for these tests).</summary>
internal static class Samples
{
    public const string Zigbee2MqttLightTopic = "homeassistant/light/0x00158d0001a2b3c4/light/config";

    public const string Zigbee2MqttLight = """
        {"availability":[{"topic":"zigbee2mqtt/bridge/state","value_template":"{{ value_json.state }}"},
                         {"topic":"zigbee2mqtt/Kitchen Ceiling/availability","value_template":"{{ value_json.state }}"}],
         "availability_mode":"all","brightness":true,"brightness_scale":254,"color_mode":true,
         "command_topic":"zigbee2mqtt/Kitchen Ceiling/set",
         "device":{"identifiers":["zigbee2mqtt_0x00158d0001a2b3c4"],"manufacturer":"IKEA",
                   "model":"TRADFRI bulb E27 WS opal 980lm","name":"Kitchen Ceiling","sw_version":"2.3.087",
                   "via_device":"zigbee2mqtt_bridge_0x00124b0012345678"},
         "max_mireds":454,"min_mireds":250,"name":null,"object_id":"kitchen_ceiling",
         "origin":{"name":"Zigbee2MQTT","sw":"1.40.2","url":"https://www.zigbee2mqtt.io"},
         "schema":"json","state_topic":"zigbee2mqtt/Kitchen Ceiling","supported_color_modes":["color_temp"],
         "unique_id":"0x00158d0001a2b3c4_light_zigbee2mqtt"}
        """;

    public const string Zigbee2MqttTemperatureTopic = "homeassistant/sensor/0x00158d00045abcde/temperature/config";

    public const string Zigbee2MqttTemperature = """
        {"availability":[{"topic":"zigbee2mqtt/bridge/state","value_template":"{{ value_json.state }}"}],
         "device":{"identifiers":["zigbee2mqtt_0x00158d00045abcde"],"manufacturer":"Aqara","model":"WSDCGQ11LM","name":"Living Room Climate"},
         "device_class":"temperature","enabled_by_default":true,"object_id":"living_room_climate_temperature",
         "state_class":"measurement","state_topic":"zigbee2mqtt/Living Room Climate",
         "unique_id":"0x00158d00045abcde_temperature_zigbee2mqtt","unit_of_measurement":"°C",
         "value_template":"{{ value_json.temperature }}"}
        """;

    public const string Zigbee2MqttContactTopic = "homeassistant/binary_sensor/0x00158d0002c0ffee/contact/config";

    public const string Zigbee2MqttContact = """
        {"device":{"identifiers":["zigbee2mqtt_0x00158d0002c0ffee"],"name":"Front Door"},
         "device_class":"door","name":null,"object_id":"front_door_contact",
         "payload_off":true,"payload_on":false,"state_topic":"zigbee2mqtt/Front Door",
         "unique_id":"0x00158d0002c0ffee_contact_zigbee2mqtt","value_template":"{{ value_json.contact }}"}
        """;

    public const string Zigbee2MqttCoverTopic = "homeassistant/cover/0x00158d0003b11d00/cover/config";

    public const string Zigbee2MqttCover = """
        {"command_topic":"zigbee2mqtt/Bedroom Blind/set","device":{"identifiers":["zigbee2mqtt_0x00158d0003b11d00"],"name":"Bedroom Blind"},
         "name":null,"object_id":"bedroom_blind","position_template":"{{ value_json.position }}",
         "position_topic":"zigbee2mqtt/Bedroom Blind","set_position_template":"{ \"position\": {{ position }} }",
         "set_position_topic":"zigbee2mqtt/Bedroom Blind/set","state_closing":"DOWN","state_opening":"UP",
         "state_stopped":"STOP","state_topic":"zigbee2mqtt/Bedroom Blind","value_template":"{{ value_json.motor_state }}",
         "state_open":"OPEN","state_closed":"CLOSE","unique_id":"0x00158d0003b11d00_cover_zigbee2mqtt"}
        """;

    public const string Zigbee2MqttThermostatTopic = "homeassistant/climate/0x00158d0004aa0001/climate/config";

    public const string Zigbee2MqttThermostat = """
        {"device":{"identifiers":["zigbee2mqtt_0x00158d0004aa0001"],"name":"Office Radiator"},"name":null,
         "object_id":"office_radiator","unique_id":"0x00158d0004aa0001_climate_zigbee2mqtt",
         "current_temperature_topic":"zigbee2mqtt/Office Radiator","current_temperature_template":"{{ value_json.local_temperature }}",
         "max_temp":"30","min_temp":"5","modes":["off","heat","auto"],
         "mode_command_topic":"zigbee2mqtt/Office Radiator/set/system_mode","mode_state_topic":"zigbee2mqtt/Office Radiator",
         "mode_state_template":"{{ value_json.system_mode }}",
         "temperature_command_topic":"zigbee2mqtt/Office Radiator/set/occupied_heating_setpoint",
         "temperature_state_topic":"zigbee2mqtt/Office Radiator","temperature_state_template":"{{ value_json.occupied_heating_setpoint }}",
         "temp_step":0.5,"temperature_unit":"C"}
        """;

    public const string TasmotaRelayTopic = "homeassistant/switch/A4CF12ABC123_RL_1/config";

    public const string TasmotaRelay = """
        {"name":"Tasmota Relay","stat_t":"tele/tasmota_ABC123/STATE","avty_t":"tele/tasmota_ABC123/LWT",
         "pl_avail":"Online","pl_not_avail":"Offline","cmd_t":"cmnd/tasmota_ABC123/POWER",
         "val_tpl":"{{value_json.POWER}}","pl_off":"OFF","pl_on":"ON","uniq_id":"A4CF12ABC123_RL_1",
         "dev":{"ids":["A4CF12ABC123"]}}
        """;

    public const string TasmotaDimmerTopic = "homeassistant/light/A4CF12DEF456_LI_1/config";

    public const string TasmotaDimmer = """
        {"name":"Hall Dimmer","~":"tasmota_DEF456/","cmd_t":"~cmnd/POWER","stat_t":"~tele/STATE",
         "val_tpl":"{{value_json.POWER}}","stat_val_tpl":"{{value_json.POWER}}","pl_off":"OFF","pl_on":"ON",
         "avty_t":"~tele/LWT","pl_avail":"Online","pl_not_avail":"Offline","uniq_id":"A4CF12DEF456_LI_1",
         "dev":{"ids":["A4CF12DEF456"],"name":"Hall","mdl":"Sonoff D1","sw":"13.4.0","mf":"Tasmota"},
         "bri_cmd_t":"~cmnd/Dimmer","bri_stat_t":"~tele/STATE","bri_scl":100,"on_cmd_type":"brightness",
         "bri_val_tpl":"{{value_json.Dimmer}}","json_attr_t":"~tele/HASS_STATE"}
        """;

    public const string TasmotaPowerTopic = "homeassistant/sensor/A4CF12ABC123_ENERGY_Power/config";

    public const string TasmotaPower = """
        {"name":"Tasmota ENERGY Power","stat_t":"tele/tasmota_ABC123/SENSOR","avty_t":"tele/tasmota_ABC123/LWT",
         "pl_avail":"Online","pl_not_avail":"Offline","uniq_id":"A4CF12ABC123_ENERGY_Power",
         "dev":{"ids":["A4CF12ABC123"]},"unit_of_meas":"W","dev_cla":"power","stat_cla":"measurement","frc_upd":true,
         "val_tpl":"{{value_json['ENERGY']['Power']}}"}
        """;

    public const string EspHomeLampTopic = "homeassistant/light/desk-lamp/desk_lamp/config";

    public const string EspHomeLamp = """
        {"schema":"json","brightness":true,"clrm":true,"sup_clrm":["color_temp"],"min_mirs":153,"max_mirs":500,
         "name":"Desk Lamp","stat_t":"desk-lamp/light/desk_lamp/state","cmd_t":"desk-lamp/light/desk_lamp/command",
         "avty_t":"desk-lamp/status","uniq_id":"desklamplight","obj_id":"desk_lamp",
         "dev":{"ids":"a4cf12abcdef","name":"desk-lamp","sw":"esphome v2024.6.1","mdl":"esp32dev","mf":"espressif",
                "cns":[["mac","a4:cf:12:ab:cd:ef"]],"sa":"Study"},
         "o":{"name":"ESPHome","sw":"2024.6.1","url":"https://esphome.io"}}
        """;

    public const string EspHomeFanSpeedTopic = "homeassistant/select/air-purifier/fan_speed/config";

    public const string EspHomeFanSpeed = """
        {"name":"Fan Speed","stat_t":"air-purifier/select/fan_speed/state","cmd_t":"air-purifier/select/fan_speed/command",
         "ops":["Low","Medium","High"],"avty_t":"air-purifier/status","uniq_id":"airpurifierselectfan_speed",
         "dev":{"ids":"a4cf12001122","name":"air-purifier"}}
        """;

    public const string EspHomeTargetTopic = "homeassistant/number/aquarium/target_level/config";

    public const string EspHomeTarget = """
        {"name":"Target Level","stat_t":"aquarium/number/target_level/state","cmd_t":"aquarium/number/target_level/command",
         "min":10,"max":30,"step":0.5,"unit_of_meas":"cm","uniq_id":"aquariumnumbertarget_level",
         "dev":{"ids":"a4cf12003344","name":"aquarium"}}
        """;

    public const string EspHomeRestartTopic = "homeassistant/button/aquarium/restart/config";

    public const string EspHomeRestart = """
        {"name":"Restart","cmd_t":"aquarium/button/restart/command","ent_cat":"config","dev_cla":"restart",
         "uniq_id":"aquariumbuttonrestart","dev":{"ids":"a4cf12003344","name":"aquarium"}}
        """;

    public const string DeviceTopic = "homeassistant/device/ea334450945afc/config";

    public const string Device = """
        {"dev":{"ids":"ea334450945afc","name":"Bedroom Sensor","mf":"Bla electronics","mdl":"xya","sw":"1.0","sn":"ea334450945afc","hw":"1.0rev2"},
         "o":{"name":"bla2mqtt","sw":"2.1","url":"https://bla2mqtt.example.com/support"},
         "cmps":{"temperature":{"p":"sensor","dev_cla":"temperature","unit_of_meas":"°C","val_tpl":"{{ value_json.temperature }}","uniq_id":"temp01ae_t"},
                 "humidity":{"p":"sensor","dev_cla":"humidity","unit_of_meas":"%","val_tpl":"{{ value_json.humidity }}","uniq_id":"temp01ae_h"},
                 "heater":{"p":"switch","cmd_t":"~/heater/set","uniq_id":"temp01ae_s"}},
         "~":"sensorBedroom","stat_t":"~/state","avty_t":"~/status","qos":1}
        """;
}
