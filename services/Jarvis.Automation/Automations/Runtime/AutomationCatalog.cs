using System.Collections.Frozen;
using System.Collections.Concurrent;
using Jarvis.Automation.Automations.Definitions;
using Jarvis.Automation.Automations.Parsing;
using Jarvis.Automation.Automations.Storage;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Every automation's current version, compiled, and the indexes that send an event only to the automations that
/// listen for it: entity id → automations (state and numeric_state triggers, and wait_for_trigger steps), MQTT
/// filters, time triggers. Rebuilt from <c>automation.automations</c> at start and after each change made here.
/// </summary>
public sealed class AutomationCatalog(AutomationStore store, ILogger<AutomationCatalog> logger)
{
    private readonly ConcurrentDictionary<Guid, LoadedAutomation> _automations = new();
    private volatile Indexes _indexes = Indexes.Empty;

    public LoadedAutomation? Find(Guid id) => _automations.GetValueOrDefault(id);

    public IReadOnlyList<Guid> ForEntity(string entityId) => _indexes.ByEntity.GetValueOrDefault(entityId) ?? [];

    public IReadOnlyList<(string Filter, Guid Automation)> MqttFilters => _indexes.Mqtt;

    public IEnumerable<LoadedAutomation> Enabled => _automations.Values.Where(a => a.Enabled);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.LoadAllAsync(cancellationToken))
        {
            Put(stored);
        }

        Reindex();
    }

    /// <summary>Reads one automation again after it changed (null when it is gone).</summary>
    public async Task<LoadedAutomation?> ReloadAsync(Guid id, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(id, cancellationToken);
        if (stored is null)
        {
            _automations.TryRemove(id, out _);
        }
        else
        {
            Put(stored);
        }

        Reindex();
        return Find(id);
    }

    private void Put(StoredAutomation stored)
    {
        var result = DefinitionReader.Read(new JsonDefinitionNode(stored.Definition).Root, string.Empty);
        if (!result.Succeeded)
        {
            // Stored definitions were valid when saved; one that no longer reads (a subset change) is left out, loudly.
            logger.LogError("Automation {Id} version {Version} no longer reads: {Errors}", stored.Id, stored.Version,
                string.Join("; ", result.Errors.Select(e => $"{e.Path}: {e.Message}")));
            _automations.TryRemove(stored.Id, out _);
            return;
        }

        _automations[stored.Id] = new LoadedAutomation(stored.Id, stored.Version, stored.Enabled, result.Definition!);
    }

    private void Reindex()
    {
        var byEntity = new Dictionary<string, List<Guid>>(StringComparer.Ordinal);
        var mqtt = new List<(string, Guid)>();
        foreach (var automation in _automations.Values.Where(a => a.Enabled))
        {
            foreach (var trigger in AllTriggers(automation.Definition))
            {
                switch (trigger)
                {
                    case StateTrigger state:
                        state.EntityIds.ToList().ForEach(id => Add(byEntity, id, automation.Id));
                        break;
                    case NumericStateTrigger numeric:
                        numeric.EntityIds.ToList().ForEach(id => Add(byEntity, id, automation.Id));
                        break;
                    case MqttTrigger message when !mqtt.Contains((message.Topic, automation.Id)):
                        mqtt.Add((message.Topic, automation.Id));
                        break;
                }
            }
        }

        _indexes = new Indexes(byEntity.ToFrozenDictionary(p => p.Key, p => (IReadOnlyList<Guid>)p.Value, StringComparer.Ordinal), mqtt);
    }

    private static void Add(Dictionary<string, List<Guid>> index, string key, Guid id)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (!list.Contains(id))
        {
            list.Add(id);
        }
    }

    /// <summary>The automation's triggers and those of every wait_for_trigger step in it.</summary>
    public static IEnumerable<TriggerDefinition> AllTriggers(AutomationDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Triggers.Where(t => t.Enabled).Concat(WaitTriggers(definition.Actions));
    }

    private static IEnumerable<TriggerDefinition> WaitTriggers(IEnumerable<ActionDefinition>? steps) => (steps ?? []).SelectMany(step => step switch
    {
        WaitForTriggerAction wait => wait.Triggers,
        ChooseAction choose => choose.Options.SelectMany(o => WaitTriggers(o.Sequence)).Concat(WaitTriggers(choose.Default)),
        IfAction branch => WaitTriggers(branch.Then).Concat(WaitTriggers(branch.Else)),
        RepeatAction repeat => WaitTriggers(repeat.Sequence),
        _ => [],
    });

    private sealed record Indexes(FrozenDictionary<string, IReadOnlyList<Guid>> ByEntity, IReadOnlyList<(string Filter, Guid Automation)> Mqtt)
    {
        public static Indexes Empty { get; } = new(FrozenDictionary<string, IReadOnlyList<Guid>>.Empty, []);
    }
}
