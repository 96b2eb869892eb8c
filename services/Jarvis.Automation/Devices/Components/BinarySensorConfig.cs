using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A binary sensor: on or off by <c>payload_on</c> (default ON) and <c>payload_off</c> (default OFF).</summary>
public sealed record BinarySensorConfig(string StateTopic, Template? ValueTemplate, string PayloadOn, string PayloadOff, string? DeviceClass)
    : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => false;

    internal static BinarySensorConfig From(ConfigReader r) => new(
        Required.Topic(r, "state_topic", "binary_sensor"), r.Template("value_template"), r.Payload("payload_on", "ON"), r.Payload("payload_off", "OFF"), r.Text("device_class"));

    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            OnOff.Read(state, value, PayloadOn, PayloadOff);
        }
    }

    internal override CommandTranslation Translate(CommandContext context) =>
        CommandTranslation.Fail("a binary_sensor is read-only: it takes no commands");
}
