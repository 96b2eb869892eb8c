using Jarvis.Automation.Devices.Commands;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record CoverConfig
{
    internal override CommandTranslation Translate(CommandContext context)
    {
        var command = context.Command;
        if (command.Kind == CommandKind.Set && command.Position is { } position)
        {
            if (SetPositionTopic is null)
            {
                return CommandTranslation.Fail("this cover has no set_position_topic: it cannot go to a position");
            }

            var device = (int)Math.Round(PositionClosed + (position * (PositionOpen - PositionClosed) / 100.0), MidpointRounding.AwayFromZero);
            var variables = new Dictionary<string, object?> { ["position"] = device, ["position_open"] = PositionOpen, ["position_closed"] = PositionClosed };
            var payload = CommandContext.Render(SetPositionTemplate, device, "set_position_template", out var error, variables);
            return error is null ? CommandTranslation.Ok(context.Message(SetPositionTopic, payload!)) : CommandTranslation.Fail(error);
        }

        var action = command.Kind switch
        {
            CommandKind.TurnOn => "open",
            CommandKind.TurnOff => "close",
            CommandKind.Toggle => context.ToggleTurnsOn("open", "opening") ? "open" : "close",
            _ => (command.Value as string)?.ToLowerInvariant(),
        };
        var cover = action switch
        {
            "open" => PayloadOpen,
            "close" => PayloadClose,
            "stop" => PayloadStop,
            _ => null,
        };
        if (cover is null)
        {
            return CommandTranslation.Fail("set on a cover needs a position (0-100) or a value of open, close or stop");
        }

        return CommandTopic is null
            ? CommandTranslation.Fail("this cover has no command_topic: it cannot open, close or stop")
            : CommandTranslation.Ok(context.Message(CommandTopic, cover));
    }
}
