using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jarvis.Automation.Model;
using Npgsql;

namespace Jarvis.Automation.Automations.Runtime;

/// <summary>
/// Every entity's current state in memory, for conditions and <c>states()</c> (which render synchronously): read once
/// from <c>automation.entity_states</c> at start, then kept by the committed changes the runtime is told of.
/// </summary>
public sealed class EntityStateCache(NpgsqlDataSource database)
{
    private readonly ConcurrentDictionary<string, EntitySnapshot> _states = new(StringComparer.Ordinal);

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("""
            SELECT e.entity_id, s.state, s.attributes::text, s.available, COALESCE(s.last_changed, now())
            FROM automation.entities e JOIN automation.entity_states s ON s.entity = e.id
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            var available = reader.IsDBNull(3) ? (bool?)null : reader.GetBoolean(3);
            var state = available == false ? "unavailable" : reader.IsDBNull(1) ? null : reader.GetString(1);
            _states.TryAdd(id, new EntitySnapshot(id, state, JsonNode.Parse(reader.GetString(2)) as JsonObject ?? [], reader.GetFieldValue<DateTimeOffset>(4)));
        }
    }

    public EntitySnapshot? Find(string entityId) => _states.GetValueOrDefault(entityId);

    /// <summary>Applies a committed change; returns the state before it (null when the entity was not known).</summary>
    public (EntitySnapshot? Old, EntitySnapshot New) Apply(StateEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var old = Find(change.EntityId);
        var state = change.Available == false ? "unavailable" : change.State;
        var changedAt = old is not null && old.State == state ? old.LastChanged : change.RecordedAt;
        var next = new EntitySnapshot(change.EntityId, state, change.Attributes, changedAt);
        _states[change.EntityId] = next;
        return (old, next);
    }
}
