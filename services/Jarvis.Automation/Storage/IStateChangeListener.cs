namespace Jarvis.Automation.Storage;

/// <summary>Told of entity state changes after they are committed, on the replica that stored them.</summary>
public interface IStateChangeListener
{
    Task OnStateChangedAsync(IReadOnlyList<Jarvis.Automation.Model.StateEvent> changes, CancellationToken cancellationToken);
}
