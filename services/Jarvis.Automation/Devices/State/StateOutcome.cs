namespace Jarvis.Automation.Devices.State;

/// <summary>The result of <see cref="StateInterpreter.Interpret"/>: a change, a rejection with its reason, or not for this entity.</summary>
public sealed record StateOutcome(StateOutcomeKind Kind, StateChange? Change, string? Error)
{
    /// <summary>The message's topic is none of the entity's.</summary>
    public static StateOutcome NotForMe { get; } = new(StateOutcomeKind.NotForMe, null, null);

    internal static StateOutcome Changed(StateChange change) => new(StateOutcomeKind.Changed, change, null);

    internal static StateOutcome Rejected(string error) => new(StateOutcomeKind.Rejected, null, error);
}
