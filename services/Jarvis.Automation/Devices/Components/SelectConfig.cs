using Jarvis.Automation.Devices.Commands;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Components;

/// <summary>A select: set publishes one of <c>options</c>.</summary>
public sealed record SelectConfig(string? StateTopic, string CommandTopic, Template? ValueTemplate, Template? CommandTemplate, IReadOnlyList<string> Options)
    : ComponentConfig
{
    /// <inheritdoc/>
    public override IEnumerable<string?> StateTopics => [StateTopic];

    /// <inheritdoc/>
    public override bool AcceptsCommands => true;

    internal static SelectConfig From(ConfigReader r)
    {
        var options = r.TextList("options");
        if (options is not { Count: > 0 } && !r.Problems.Exists(p => p.StartsWith("options", StringComparison.Ordinal)))
        {
            r.Problems.Add("a select needs a non-empty options list");
        }

        return new SelectConfig(
            r.Topic("state_topic"), Required.Topic(r, "command_topic", "select", publish: true), r.Template("value_template"), r.Template("command_template"), options ?? []);
    }

    internal override void Read(StateBuilder state)
    {
        if (state.Is(StateTopic) && state.Render(ValueTemplate, "value_template") is { } value)
        {
            if (Options.Contains(value, StringComparer.Ordinal))
            {
                state.SetState(value);
            }
            else
            {
                state.Errors.Add($"'{OnOff.Shorten(value)}' is not one of the options {string.Join(", ", Options)}");
            }
        }
    }

    internal override CommandTranslation Translate(CommandContext context)
    {
        var option = context.Command.Value switch
        {
            string s => s,
            null => null,
            var other => CommandContext.Text(other),
        };
        if (context.Command.Kind != CommandKind.Set || option is null)
        {
            return CommandTranslation.Fail("a select takes set with an option as value");
        }

        if (!Options.Contains(option, StringComparer.Ordinal))
        {
            return CommandTranslation.Fail($"'{OnOff.Shorten(option)}' is not one of the options {string.Join(", ", Options)}");
        }

        var payload = CommandContext.Render(CommandTemplate, option, "command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(CommandTopic, payload!)) : CommandTranslation.Fail(error);
    }
}
