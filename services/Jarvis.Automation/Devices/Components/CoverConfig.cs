using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>
/// A cover (blind, shutter, garage door): open/close/stop on <c>command_topic</c>, a position on
/// <c>set_position_topic</c>, positions mapped between <c>position_closed</c> (0) and <c>position_open</c> (100).
/// </summary>
public sealed partial record CoverConfig(
    string? StateTopic,
    string? CommandTopic,
    Template? ValueTemplate,
    string PayloadOpen,
    string PayloadClose,
    string PayloadStop,
    string StateOpen,
    string StateOpening,
    string StateClosed,
    string StateClosing,
    string StateStopped,
    string? PositionTopic,
    Template? PositionTemplate,
    string? SetPositionTopic,
    Template? SetPositionTemplate,
    int PositionOpen,
    int PositionClosed) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic, PositionTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => CommandTopic is not null || SetPositionTopic is not null;

    internal static CoverConfig From(ConfigReader r)
    {
        var config = new CoverConfig(
            r.Topic("state_topic"), r.CommandTopic("command_topic"), r.Template("value_template"),
            r.Payload("payload_open", "OPEN"), r.Payload("payload_close", "CLOSE"), r.Payload("payload_stop", "STOP"),
            r.Payload("state_open", "open"), r.Payload("state_opening", "opening"), r.Payload("state_closed", "closed"),
            r.Payload("state_closing", "closing"), r.Payload("state_stopped", "stopped"),
            r.Topic("position_topic"), r.Template("position_template"), r.CommandTopic("set_position_topic"), r.Template("set_position_template", "position", "position_open", "position_closed"),
            r.Whole("position_open", 100, -1_000_000, 1_000_000), r.Whole("position_closed", 0, -1_000_000, 1_000_000));
        if (config.PositionOpen == config.PositionClosed)
        {
            r.Problems.Add("position_open and position_closed must differ");
        }

        return config;
    }
}
