using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A sensor: its state is the (templated) payload, with a unit and a device class to show it by.</summary>
public sealed record SensorConfig(string StateTopic, Template? ValueTemplate, string? UnitOfMeasurement, string? DeviceClass, string? StateClass)
    : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => false;

    internal static SensorConfig From(ConfigReader r) => new(
        Required.Topic(r, "state_topic", "sensor"), r.Template("value_template"), r.Text("unit_of_measurement"), r.Text("device_class"), r.Text("state_class"));

    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            state.SetState(value);
        }
    }

    internal override CommandTranslation Translate(CommandContext context) =>
        CommandTranslation.Fail("a sensor is read-only: it takes no commands");
}
