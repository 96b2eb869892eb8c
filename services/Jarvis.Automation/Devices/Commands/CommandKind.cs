namespace Jarvis.Automation.Devices.Commands;

/// <summary>What a command asks of an entity.</summary>
public enum CommandKind
{
    /// <summary>Switch on (a cover opens, a button is pressed), with brightness or colour temperature for a light.</summary>
    TurnOn,

    /// <summary>Switch off (a cover closes).</summary>
    TurnOff,

    /// <summary>The opposite of the current state, which the caller passes in.</summary>
    Toggle,

    /// <summary>Set a value: a number's value, a select's option, a climate's mode or target temperature, a cover's position or open/close/stop.</summary>
    Set,
}
