using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A switch; without <c>command_topic</c> it is read-only.</summary>
public sealed record SwitchConfig(
    string? StateTopic,
    string? CommandTopic,
    Template? ValueTemplate,
    Template? CommandTemplate,
    string PayloadOn,
    string PayloadOff,
    string StateOn,
    string StateOff) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => CommandTopic is not null;

    internal static SwitchConfig From(ConfigReader r)
    {
        var on = r.Payload("payload_on", "ON");
        var off = r.Payload("payload_off", "OFF");
        return new SwitchConfig(
            r.Topic("state_topic"), r.CommandTopic("command_topic"), r.Template("value_template"), r.Template("command_template"),
            on, off, r.Payload("state_on", on), r.Payload("state_off", off));
    }

    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            OnOff.Read(state, value, StateOn, StateOff);
        }
    }

    internal override CommandTranslation Translate(CommandContext context)
    {
        if (CommandTopic is null)
        {
            return CommandTranslation.Fail("this switch is read-only: its config has no command_topic");
        }

        bool? on = context.Command.Kind switch
        {
            CommandKind.TurnOn => true,
            CommandKind.TurnOff => false,
            CommandKind.Toggle => context.ToggleTurnsOn("on"),
            _ => null,
        };
        if (on is null)
        {
            return context.Unsupported();
        }

        var payload = CommandContext.Render(CommandTemplate, on.Value ? PayloadOn : PayloadOff, "command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(CommandTopic, payload!)) : CommandTranslation.Fail(error);
    }
}
