using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>
/// A light in the default (basic) schema: on/off on <c>command_topic</c>, brightness and colour temperature on their
/// own topics. <c>on_command_type</c> (last, first, brightness) orders the messages of a turn_on.
/// </summary>
public sealed partial record LightConfig(
    string? StateTopic,
    string CommandTopic,
    Template? StateValueTemplate,
    string PayloadOn,
    string PayloadOff,
    string? BrightnessStateTopic,
    string? BrightnessCommandTopic,
    Template? BrightnessValueTemplate,
    Template? BrightnessCommandTemplate,
    int BrightnessScale,
    string? ColorTempStateTopic,
    string? ColorTempCommandTopic,
    Template? ColorTempValueTemplate,
    Template? ColorTempCommandTemplate,
    bool ColorTempKelvin,
    int MinMireds,
    int MaxMireds,
    string OnCommandType) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic, BrightnessStateTopic, ColorTempStateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => true;

    internal static LightConfig From(ConfigReader r)
    {
        var (min, max) = LightScales.MiredRange(r);
        var onCommandType = r.Text("on_command_type") ?? "last";
        if (onCommandType is not ("last" or "first" or "brightness"))
        {
            r.Problems.Add($"on_command_type must be last, first or brightness, got '{onCommandType}'");
        }

        return new LightConfig(
            r.Topic("state_topic"), Required.Topic(r, "command_topic", "light", publish: true), r.Template("state_value_template"),
            r.Payload("payload_on", "ON"), r.Payload("payload_off", "OFF"),
            r.Topic("brightness_state_topic"), r.CommandTopic("brightness_command_topic"), r.Template("brightness_value_template"),
            r.Template("brightness_command_template"), r.Whole("brightness_scale", 255, 1, 1_000_000),
            r.Topic("color_temp_state_topic"), r.CommandTopic("color_temp_command_topic"), r.Template("color_temp_value_template"),
            r.Template("color_temp_command_template"), r.Flag("color_temp_kelvin", false), min, max, onCommandType);
    }
}
