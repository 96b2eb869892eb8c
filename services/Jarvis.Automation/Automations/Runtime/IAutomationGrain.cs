using Orleans.Concurrency;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// One automation (keyed by its id): hears only the events its triggers and waits name, applies its mode, runs, and
/// resumes its unfinished runs and pending <c>for</c> waits when it is activated after a restart.
/// </summary>
public interface IAutomationGrain : IGrainWithGuidKey
{
    [OneWay]
    Task OnStateChanged(StateChangeNotice change);

    [OneWay]
    Task OnMqttMessage(string topic, string payload);

    [OneWay]
    Task OnTime(int triggerIndex, DateTimeOffset scheduled, bool catchUp);

    [OneWay]
    Task OnStarted();

    /// <summary>Runs the actions now (mode applies); the run id, or null when the mode refused it.</summary>
    Task<Guid?> Run(bool skipConditions);

    /// <summary>The definition changed, was disabled or deleted: running runs are cancelled and the new version is used.</summary>
    Task Reload();

    /// <summary>Activates the grain, which resumes what was pending.</summary>
    Task Wake();
}
