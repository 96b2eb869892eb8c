using Jarvis.Automation.Devices.Commands;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record LightConfig
{
    internal override CommandTranslation Translate(CommandContext context)
    {
        var command = context.Command;
        var on = command.Kind switch
        {
            CommandKind.TurnOff => false,
            CommandKind.Toggle => context.ToggleTurnsOn("on"),
            CommandKind.Set when command.Brightness is null && command.ColorTemp is null =>
                (bool?)null,
            _ => command.Brightness != 0,
        };
        if (on is null)
        {
            return CommandTranslation.Fail("set on a light needs brightness or colorTemp");
        }

        if (on == false)
        {
            return CommandTranslation.Ok(context.Message(CommandTopic, PayloadOff));
        }

        var extras = new List<OutboundMessage>();
        if (command.Brightness is { } brightness)
        {
            if (BrightnessCommandTopic is null)
            {
                return CommandTranslation.Fail("this light has no brightness_command_topic: it cannot dim");
            }

            var payload = CommandContext.Render(BrightnessCommandTemplate, LightScales.ToDevice(brightness, BrightnessScale), "brightness_command_template", out var error);
            if (error is not null)
            {
                return CommandTranslation.Fail(error);
            }

            extras.Add(context.Message(BrightnessCommandTopic, payload!));
        }

        if (command.ColorTemp is { } mireds)
        {
            if (ColorTempCommandTopic is null)
            {
                return CommandTranslation.Fail("this light has no color_temp_command_topic: it cannot change colour temperature");
            }

            if (mireds < MinMireds || mireds > MaxMireds)
            {
                return CommandTranslation.Fail($"colorTemp {mireds} is outside this light's {MinMireds}..{MaxMireds} mireds");
            }

            var value = ColorTempKelvin ? LightScales.MiredsKelvin(mireds) : mireds;
            var payload = CommandContext.Render(ColorTempCommandTemplate, value, "color_temp_command_template", out var error);
            if (error is not null)
            {
                return CommandTranslation.Fail(error);
            }

            extras.Add(context.Message(ColorTempCommandTopic, payload!));
        }

        var power = context.Message(CommandTopic, PayloadOn);
        return OnCommandType switch
        {
            "first" => CommandTranslation.Ok([power, .. extras]),
            "brightness" when command.Brightness is not null => CommandTranslation.Ok([.. extras]),
            _ => CommandTranslation.Ok([.. extras, power]),
        };
    }
}
