using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A button: turn_on (or set) presses it, publishing <c>payload_press</c> (default PRESS).</summary>
public sealed record ButtonConfig(string CommandTopic, Template? CommandTemplate, string PayloadPress) : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [];

    /// <inheritdoc/>
    public override bool AcceptsCommands => true;

    internal static ButtonConfig From(ConfigReader r) => new(
        Required.Topic(r, "command_topic", "button", publish: true), r.Template("command_template"), r.Payload("payload_press", "PRESS"));

    internal override void Read(StateBuilder state)
    {
    }

    internal override CommandTranslation Translate(CommandContext context)
    {
        if (context.Command.Kind is not (CommandKind.TurnOn or CommandKind.Set))
        {
            return CommandTranslation.Fail($"a button is pressed with turn_on or set, not {CommandContext.Describe(context.Command.Kind)}");
        }

        var payload = CommandContext.Render(CommandTemplate, PayloadPress, "command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(CommandTopic, payload!)) : CommandTranslation.Fail(error);
    }
}
