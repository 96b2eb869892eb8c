using System.Text.Json.Nodes;
using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.EntityIds;
using Jarvis.Automation.Mqtt;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Jarvis.Automation.Storage;

/// <summary>
/// This replica's in-memory view of the discovered entities: the <see cref="DiscoveryRegistry"/>, the entity ids
/// given (<see cref="EntityIdAllocator"/>) and which entity listens on which topic. Rebuilt from the database on
/// first use and after any failed store, so that memory never runs ahead of what is stored. Thread-safe.
/// </summary>
public sealed class DeviceCatalog(NpgsqlDataSource database, IOptions<MqttOptions> mqtt) : IDisposable
{
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Lock _gate = new();
    private readonly TopicIndex _topics = new();
    private readonly Dictionary<DiscoveryKey, Guid> _rows = [];
    private DiscoveryRegistry? _registry;
    private EntityIdAllocator _ids = new();

    public DiscoveryOptions Discovery { get; } = new(mqtt.Value.DiscoveryPrefix);

    /// <summary>Loads the stored entities unless they are loaded already.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _registry) is not null)
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_registry is null)
            {
                await LoadAsync(cancellationToken);
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets everything; the next use reloads from the database (after a store that failed half-way).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            Volatile.Write(ref _registry, null);
        }
    }

    public IReadOnlyList<DiscoveryChange> Apply(string topic, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            return Registry.Apply(topic, payload);
        }
    }

    public DiscoveredEntity? Find(DiscoveryKey key)
    {
        lock (_gate)
        {
            return _registry?.Find(key);
        }
    }

    /// <summary>The entities listening on <paramref name="topic"/>, with their row ids.</summary>
    public IReadOnlyList<(Guid Row, DiscoveredEntity Entity)> ForTopic(string topic)
    {
        lock (_gate)
        {
            if (_registry is null)
            {
                return [];
            }

            return [.. _topics.Find(topic)
                .Select(key => (Found: _rows.TryGetValue(key, out var row), Row: row, Entity: _registry.Find(key)))
                .Where(t => t.Found && t.Entity is not null)
                .Select(t => (t.Row, t.Entity!))];
        }
    }

    public string AllocateId(DiscoveredEntity entity)
    {
        lock (_gate)
        {
            return _ids.Allocate(entity);
        }
    }

    public void Reserve(DiscoveryKey key, string entityId)
    {
        lock (_gate)
        {
            _ids.Reserve(key, entityId);
        }
    }

    /// <summary>After a store committed: the entity is known by its row id and listened for on its topics.</summary>
    public void Track(DiscoveredEntity entity, Guid row)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_gate)
        {
            _rows[entity.Key] = row;
            _topics.Set(entity);
        }
    }

    /// <summary>After a removal committed: its id is free again.</summary>
    public void Forget(DiscoveryKey key)
    {
        lock (_gate)
        {
            _rows.Remove(key);
            _topics.Remove(key);
            _ids.Release(key);
        }
    }

    public void Dispose() => _loading.Dispose();

    private DiscoveryRegistry Registry => _registry ?? throw new InvalidOperationException("The device catalog is not loaded.");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stored = new List<(Guid Row, DiscoveredEntity Entity, string EntityId)>();
        await using (var command = database.CreateCommand(
            "SELECT id, discovery_key, entity_id, discovery_topic, component, config::text FROM automation.entities"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var config = JsonNode.Parse(reader.GetString(5)) as JsonObject ?? [];
                var key = new DiscoveryKey(reader.GetString(1));
                stored.Add((reader.GetGuid(0), EntityReader.Read(key, reader.GetString(3), reader.GetString(4), config), reader.GetString(2)));
            }
        }

        lock (_gate)
        {
            _rows.Clear();
            _topics.Clear();
            _ids = new EntityIdAllocator(stored.ToDictionary(s => s.Entity.Key, s => s.EntityId));
            foreach (var (row, entity, _) in stored)
            {
                _rows[entity.Key] = row;
                _topics.Set(entity);
            }

            Volatile.Write(ref _registry, new DiscoveryRegistry(Discovery, existing: stored.Select(s => s.Entity)));
        }
    }
}
