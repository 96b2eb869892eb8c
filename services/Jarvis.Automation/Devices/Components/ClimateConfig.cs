using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>
/// A climate device (thermostat, radiator valve): its HVAC mode is the state; the target temperature is set within
/// <c>min_temp</c> (7) and <c>max_temp</c> (35).
/// </summary>
public sealed partial record ClimateConfig(
    string? ModeStateTopic,
    Template? ModeStateTemplate,
    string? ModeCommandTopic,
    Template? ModeCommandTemplate,
    IReadOnlyList<string> Modes,
    string? TemperatureStateTopic,
    Template? TemperatureStateTemplate,
    string? TemperatureCommandTopic,
    Template? TemperatureCommandTemplate,
    string? CurrentTemperatureTopic,
    Template? CurrentTemperatureTemplate,
    double MinTemp,
    double MaxTemp,
    string? PowerCommandTopic,
    string PayloadOn,
    string PayloadOff) : ComponentConfig
{
    /// <summary>Home Assistant's default modes.</summary>
    public static IReadOnlyList<string> DefaultModes { get; } = ["auto", "off", "cool", "heat", "dry", "fan_only"];

    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [ModeStateTopic, TemperatureStateTopic, CurrentTemperatureTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => ModeCommandTopic is not null || TemperatureCommandTopic is not null || PowerCommandTopic is not null;

    internal static ClimateConfig From(ConfigReader r)
    {
        var config = new ClimateConfig(
            r.Topic("mode_state_topic"), r.Template("mode_state_template"), r.CommandTopic("mode_command_topic"), r.Template("mode_command_template"),
            r.TextList("modes") ?? DefaultModes,
            r.Topic("temperature_state_topic"), r.Template("temperature_state_template"), r.CommandTopic("temperature_command_topic"), r.Template("temperature_command_template"),
            r.Topic("current_temperature_topic"), r.Template("current_temperature_template"),
            r.Number("min_temp", 7), r.Number("max_temp", 35), r.CommandTopic("power_command_topic"), r.Payload("payload_on", "ON"), r.Payload("payload_off", "OFF"));
        if (config.MinTemp > config.MaxTemp)
        {
            r.Problems.Add($"min_temp {config.MinTemp} is above max_temp {config.MaxTemp}");
        }

        return config;
    }
}
