using System.Globalization;
using System.Text.Json.Nodes;

namespace Jarvis.Simulation.Devices.Tasmota;

/// <summary>
/// A Tasmota device with Home Assistant discovery on (<c>SetOption19 1</c>): full topic
/// <c>%prefix%/%topic%/</c>, so commands on <c>cmnd/&lt;topic&gt;/POWER</c>, the relay's state on
/// <c>stat/&lt;topic&gt;/POWER</c> (and <c>RESULT</c>), readings in <c>tele/&lt;topic&gt;/SENSOR</c> and its
/// will on <c>tele/&lt;topic&gt;/LWT</c> (<c>Online</c>/<c>Offline</c>).
/// </summary>
public sealed class TasmotaDevice(string topic, string mac, string friendlyName, string module, TasmotaSensor sensor)
    : SimulatedDevice(topic, mac)
{
    public const string Version = "14.4.1(tasmota)";
    private readonly TimeProvider _clock = TimeProvider.System;
    private bool _on;
    private double _power;
    private double _voltage = 231;
    private double _total = 12.345;
    private double _temperature = 20.4;
    private double _humidity = 51.2;

    public override DeviceFamily Family => DeviceFamily.Tasmota;

    public string FriendlyName { get; } = friendlyName;

    public TasmotaSensor Sensor { get; } = sensor;

    public string PowerCommandTopic => $"cmnd/{Name}/POWER";

    public string PowerStateTopic => $"stat/{Name}/POWER";

    public string ResultTopic => $"stat/{Name}/RESULT";

    public string SensorTopic => $"tele/{Name}/SENSOR";

    /// <summary>The will: <c>Online</c> when connected, <c>Offline</c> from the broker when it is gone.</summary>
    public string LwtTopic => $"tele/{Name}/LWT";

    public override IReadOnlyList<string> CommandTopics => [PowerCommandTopic, $"cmnd/{Name}/POWER1"];

    public override int ReadingCount => 2;

    public override IReadOnlyList<DiscoveryConfig> Discovery(string prefix)
    {
        var configs = new List<DiscoveryConfig>
        {
            Config(prefix, "switch", "RL_1", FriendlyName, new JsonObject
            {
                ["cmd_t"] = PowerCommandTopic,
                ["stat_t"] = PowerStateTopic,
                ["pl_off"] = "OFF",
                ["pl_on"] = "ON",
            }),
        };
        if (Sensor == TasmotaSensor.Energy)
        {
            configs.Add(Reading(prefix, "ENERGY", "Power", "W", "power"));
            configs.Add(Reading(prefix, "ENERGY", "Voltage", "V", "voltage"));
        }
        else
        {
            configs.Add(Reading(prefix, "AM2301", "Temperature", "°C", "temperature"));
            configs.Add(Reading(prefix, "AM2301", "Humidity", "%", "humidity"));
        }

        return configs;
    }

    protected override IReadOnlyList<OutgoingMessage> CurrentState() =>
        [new(PowerStateTopic, OnOff), new(ResultTopic, Json.Write(new JsonObject { ["POWER"] = OnOff })), SensorMessage()];

    protected override IReadOnlyList<OutgoingMessage>? Apply(string topic, string payload)
    {
        if (!CommandTopics.Contains(topic))
        {
            return null;
        }

        switch (payload.Trim().ToUpperInvariant())
        {
            case "ON" or "1" or "TRUE":
                _on = true;
                break;
            case "OFF" or "0" or "FALSE":
                _on = false;
                break;
            case "TOGGLE" or "2":
                _on = !_on;
                break;
            case "":
                break; // an empty command asks for the state
            default:
                return null;
        }

        _power = _on ? Math.Max(_power, 8) : 0;
        return [new(ResultTopic, Json.Write(new JsonObject { ["POWER"] = OnOff })), new(PowerStateTopic, OnOff)];
    }

    protected override OutgoingMessage NextReading(Random random)
    {
        if (Sensor == TasmotaSensor.Energy)
        {
            _power = _on ? Drift(random, _power, 15, 1, 3500) : 0;
            _voltage = Drift(random, _voltage, 1.5, 220, 245);
            _total = Math.Round(_total + (_power / 3_600_000), 3);
        }
        else
        {
            _temperature = Drift(random, _temperature, 0.3, -10, 40);
            _humidity = Drift(random, _humidity, 1, 10, 95);
        }

        return SensorMessage();
    }

    private string OnOff => _on ? "ON" : "OFF";

    private OutgoingMessage SensorMessage()
    {
        var time = _clock.GetLocalNow().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        var body = Sensor == TasmotaSensor.Energy
            ? new JsonObject
            {
                ["Time"] = time,
                ["ENERGY"] = new JsonObject
                {
                    ["TotalStartTime"] = "2024-01-01T00:00:00",
                    ["Total"] = _total,
                    ["Power"] = Math.Round(_power),
                    ["Voltage"] = Math.Round(_voltage),
                    ["Current"] = Math.Round(_power / _voltage, 3),
                },
            }
            : new JsonObject
            {
                ["Time"] = time,
                ["AM2301"] = new JsonObject { ["Temperature"] = _temperature, ["Humidity"] = _humidity },
                ["TempUnit"] = "C",
            };
        return new OutgoingMessage(SensorTopic, Json.Write(body));
    }

    private DiscoveryConfig Reading(string prefix, string sensor, string key, string unit, string deviceClass) =>
        Config(prefix, "sensor", $"{sensor}_{key}", $"{FriendlyName} {sensor} {key}", new JsonObject
        {
            ["stat_t"] = SensorTopic,
            ["val_tpl"] = $"{{{{value_json['{sensor}'].{key}}}}}",
            ["unit_of_meas"] = unit,
            ["dev_cla"] = deviceClass,
            ["frc_upd"] = true,
        });

    private DiscoveryConfig Config(string prefix, string component, string suffix, string name, JsonObject specific)
    {
        var payload = new JsonObject
        {
            ["name"] = name,
            ["avty_t"] = LwtTopic,
            ["pl_avail"] = "Online",
            ["pl_not_avail"] = "Offline",
            ["uniq_id"] = $"{Id}_{suffix}",
            ["dev"] = new JsonObject
            {
                ["ids"] = new JsonArray(Id),
                ["name"] = FriendlyName,
                ["mdl"] = module,
                ["sw"] = Version,
                ["mf"] = "Tasmota",
                ["cns"] = new JsonArray(new JsonArray("mac", Id)),
            },
        };
        foreach (var (key, value) in specific)
        {
            payload[key] = value?.DeepClone();
        }

        return new DiscoveryConfig(component, $"{prefix}/{component}/{Id}_{suffix}/config", payload);
    }
}
