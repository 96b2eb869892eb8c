namespace Jarvis.Automation.Devices.State;

/// <summary>What came of reading a message for an entity.</summary>
public enum StateOutcomeKind
{
    /// <summary>The topic is none of the entity's topics.</summary>
    NotForMe,

    /// <summary>The message changes the state or attributes.</summary>
    Changed,

    /// <summary>The message is for the entity but cannot be read; <see cref="StateOutcome.Error"/> says why.</summary>
    Rejected,
}
