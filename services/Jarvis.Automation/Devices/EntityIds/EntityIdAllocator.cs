namespace Jarvis.Automation.Devices.EntityIds;

/// <summary>
/// Gives each entity its id as Home Assistant would write it, <c>&lt;component&gt;.&lt;slug&gt;</c>: from
/// <c>default_entity_id</c> or <c>object_id</c>, else the device name and entity name, else the unique id. A
/// taken id gets <c>_2</c>, <c>_3</c>, …; an entity already in the map keeps its id, so ids survive restarts
/// when the map is stored and passed back in. Not thread-safe.
/// </summary>
public sealed class EntityIdAllocator
{
    private readonly Dictionary<Discovery.DiscoveryKey, string> _byKey;

    // Each id given and the key holding it.
    private readonly Dictionary<string, Discovery.DiscoveryKey> _taken;

    /// <summary>An allocator that knows the ids already given (<paramref name="existing"/>, as stored).</summary>
    public EntityIdAllocator(IReadOnlyDictionary<Discovery.DiscoveryKey, string>? existing = null)
    {
        _byKey = existing?.ToDictionary() ?? [];
        _taken = new Dictionary<string, Discovery.DiscoveryKey>(StringComparer.Ordinal);
        foreach (var (key, id) in _byKey)
        {
            _taken[id] = key;
        }
    }

    /// <summary>Every id given, by discovery key: what to store.</summary>
    public IReadOnlyDictionary<Discovery.DiscoveryKey, string> Assigned => _byKey;

    /// <summary>The entity's id: the one it already has, or a new one free of collisions.</summary>
    public string Allocate(DiscoveredEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (_byKey.TryGetValue(entity.Key, out var known))
        {
            return known;
        }

        var wanted = Suggest(entity);
        var id = wanted;
        for (var n = 2; _taken.ContainsKey(id); n++)
        {
            id = $"{wanted}_{n}";
        }

        _byKey[entity.Key] = id;
        _taken[id] = entity.Key;
        return id;
    }

    /// <summary>Records an id given elsewhere (another replica stored it first); a different id this key had is freed.</summary>
    public void Reserve(Discovery.DiscoveryKey key, string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        Release(key);
        if (_taken.TryGetValue(id, out var other))
        {
            _byKey.Remove(other);
        }

        _byKey[key] = id;
        _taken[id] = key;
    }

    /// <summary>Frees the id of a removed entity.</summary>
    public void Release(Discovery.DiscoveryKey key)
    {
        if (_byKey.Remove(key, out var id))
        {
            _taken.Remove(id);
        }
    }

    /// <summary>The id the entity asks for, before collisions: <c>&lt;component&gt;.&lt;slug&gt;</c>.</summary>
    public static string Suggest(DiscoveredEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var fromDefault = entity.DefaultEntityId is { } requested
            ? requested.StartsWith(entity.Component + ".", StringComparison.Ordinal) ? requested[(entity.Component.Length + 1)..] : requested
            : null;
        var deviceName = entity.Device?.Name;
        var named = deviceName is null ? entity.Name
            : entity.Name is null || entity.Name.StartsWith(deviceName, StringComparison.OrdinalIgnoreCase) ? entity.Name ?? deviceName
            : $"{deviceName} {entity.Name}";
        string?[] candidates = [fromDefault, entity.ObjectId, named, entity.UniqueId, entity.Key.Value.Split('/')[^1]];
        var slug = candidates.OfType<string>().Select(Slug.From).FirstOrDefault(s => s.Length > 0) ?? "unnamed";
        return $"{entity.Component}.{slug}";
    }
}
