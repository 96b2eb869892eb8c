using Jarvis.Automation.Model;
using Jarvis.Automation.Storage;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>Keeps the state cache and tells only the automations that listen on an entity of its change.</summary>
public sealed class StateChangeRouter(EntityStateCache states, AutomationCatalog catalog, IGrainFactory grains) : IStateChangeListener
{
    public Task OnStateChangedAsync(IReadOnlyList<StateEvent> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var (old, current) = states.Apply(change);
            var listeners = catalog.ForEntity(change.EntityId);
            if (listeners.Count == 0)
            {
                continue;
            }

            var notice = new StateChangeNotice(change.EntityId, old?.ToJson().ToJsonString(), current.ToJson().ToJsonString());
            foreach (var id in listeners)
            {
                _ = grains.GetGrain<IAutomationGrain>(id).OnStateChanged(notice);
            }
        }

        return Task.CompletedTask;
    }
}
