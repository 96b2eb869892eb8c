using Jarvis.Automation.Devices.Commands;

namespace Jarvis.Automation.Devices.Components;

public sealed partial record ClimateConfig
{
    internal override CommandTranslation Translate(CommandContext context)
    {
        var command = context.Command;
        switch (command.Kind)
        {
            case CommandKind.TurnOn:
                return PowerCommandTopic is not null
                    ? CommandTranslation.Ok(context.Message(PowerCommandTopic, PayloadOn))
                    : CommandTranslation.Fail("this climate device has no power_command_topic; set a mode instead");
            case CommandKind.TurnOff:
                return PowerCommandTopic is not null
                    ? CommandTranslation.Ok(context.Message(PowerCommandTopic, PayloadOff))
                    : Mode(context, "off");
            case CommandKind.Toggle:
                return context.CurrentState is "off" or null
                    ? Translate(context.With(CommandKind.TurnOn))
                    : Translate(context.With(CommandKind.TurnOff));
        }

        if (command.Value is string mode && Modes.Contains(mode, StringComparer.Ordinal))
        {
            return Mode(context, mode);
        }

        if (!context.TryNumber(out var temperature))
        {
            return CommandTranslation.Fail($"set on a climate device needs a mode ({string.Join(", ", Modes)}) or a target temperature as value");
        }

        if (TemperatureCommandTopic is null)
        {
            return CommandTranslation.Fail("this climate device has no temperature_command_topic");
        }

        if (temperature < MinTemp || temperature > MaxTemp)
        {
            return CommandTranslation.Fail($"{CommandContext.Text(temperature)} is outside {CommandContext.Text(MinTemp)}..{CommandContext.Text(MaxTemp)}");
        }

        var payload = CommandContext.Render(TemperatureCommandTemplate, temperature, "temperature_command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(TemperatureCommandTopic, payload!)) : CommandTranslation.Fail(error);
    }

    private CommandTranslation Mode(CommandContext context, string mode)
    {
        if (ModeCommandTopic is null)
        {
            return CommandTranslation.Fail("this climate device has no mode_command_topic");
        }

        if (!Modes.Contains(mode, StringComparer.Ordinal))
        {
            return CommandTranslation.Fail($"'{mode}' is not one of the modes {string.Join(", ", Modes)}");
        }

        var payload = CommandContext.Render(ModeCommandTemplate, mode, "mode_command_template", out var error);
        return error is null ? CommandTranslation.Ok(context.Message(ModeCommandTopic, payload!)) : CommandTranslation.Fail(error);
    }
}
