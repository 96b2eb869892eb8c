namespace Jarvis.Automation.Automations.Definitions;

/// <summary>What a trigger does while a run of the same automation is going (Home Assistant's <c>mode</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Home Assistant's mode names.")]
public enum AutomationMode
{
    /// <summary>Ignore the trigger.</summary>
    Single,

    /// <summary>Stop the running run and start a new one.</summary>
    Restart,

    /// <summary>Start it after the ones before it, up to <c>max</c> waiting.</summary>
    Queued,

    /// <summary>Start it now beside the others, up to <c>max</c> at once.</summary>
    Parallel,
}
