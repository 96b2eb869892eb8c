namespace Jarvis.Automation.Devices.Commands;

/// <summary>Turns a <see cref="DeviceCommand"/> into the MQTT messages the entity's device expects. Never throws for bad input.</summary>
public static class CommandTranslator
{
    /// <summary>
    /// The messages for <paramref name="command"/>, or an error saying why it cannot be sent (unsupported or
    /// read-only entity, value out of range, unknown option). <paramref name="currentState"/> is the entity's
    /// state, needed by toggle.
    /// </summary>
    public static CommandTranslation Translate(DiscoveredEntity entity, DeviceCommand command, string? currentState = null)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(command);
        if (entity.Support != EntitySupport.Supported || entity.Config is null)
        {
            return CommandTranslation.Fail($"{entity.Component} '{entity.Key}' cannot be commanded: {entity.Problem ?? "it is not supported"}");
        }

        if (!Enum.IsDefined(command.Kind))
        {
            return CommandTranslation.Fail($"unknown command {command.Kind}; use turn_on, turn_off, toggle or set");
        }

        if (command.Brightness is < 0 or > 255)
        {
            return CommandTranslation.Fail($"brightness {command.Brightness} is outside 0..255");
        }

        if (command.Position is < 0 or > 100)
        {
            return CommandTranslation.Fail($"position {command.Position} is outside 0..100");
        }

        if (command.ColorTemp is <= 0)
        {
            return CommandTranslation.Fail($"colorTemp {command.ColorTemp} must be a positive number of mireds");
        }

        if (command.Value is not (null or string or int or long or double or float or decimal))
        {
            return CommandTranslation.Fail("value must be a string or a number");
        }

        return entity.Config.Translate(new CommandContext(entity, command, currentState));
    }
}
