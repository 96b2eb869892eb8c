using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Automation.Devices.Templates;

namespace Jarvis.Automation.Devices.Discovery;

/// <summary>
/// The entities discovery has announced, kept in memory and changed only by <see cref="Apply"/>: a config adds or
/// updates, an empty payload removes, a device config removes the components it no longer lists. No I/O: seed it
/// with the stored entities and store the changes it returns. Not thread-safe; feed it from one place.
/// </summary>
public sealed class DiscoveryRegistry
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<DiscoveryKey, DiscoveredEntity> _entities = [];

    // The keys each discovery topic announced (a device config announces several): a new config replaces them
    // without looking at every entity.
    private readonly Dictionary<string, HashSet<DiscoveryKey>> _byTopic = new(StringComparer.Ordinal);
    private readonly DiscoveryOptions _options;
    private readonly TemplateLimits _limits;

    /// <summary>A registry holding <paramref name="existing"/> (as stored), reading topics under <see cref="DiscoveryOptions.Prefix"/>.</summary>
    public DiscoveryRegistry(DiscoveryOptions? options = null, TemplateLimits? templateLimits = null, IEnumerable<DiscoveredEntity>? existing = null)
    {
        _options = options ?? DiscoveryOptions.Default;
        _limits = templateLimits ?? TemplateLimits.Default;
        foreach (var entity in existing ?? [])
        {
            Put(entity);
        }
    }

    /// <summary>Every known entity, supported or not.</summary>
    public IReadOnlyCollection<DiscoveredEntity> Entities => _entities.Values;

    /// <summary>The entity with <paramref name="key"/>, or null.</summary>
    public DiscoveredEntity? Find(DiscoveryKey key) => _entities.GetValueOrDefault(key);

    /// <summary>
    /// Applies one message. Returns nothing for a topic that is not discovery (or an unchanged config), the changes
    /// it made, or one <see cref="DiscoveryChangeKind.Rejected"/> change naming what is wrong. Never throws for bad input.
    /// </summary>
    public IReadOnlyList<DiscoveryChange> Apply(string topic, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!DiscoveryTopic.TryParse(topic, _options.Prefix, out var parsed, out var error))
        {
            return error is null ? [] : [Rejected(topic, error)];
        }

        if (payload.IsEmpty)
        {
            return Replace(topic, []);
        }

        if (payload.Length > _options.MaxConfigBytes)
        {
            return [Rejected(topic, $"the config is {payload.Length} bytes; at most {_options.MaxConfigBytes} are read")];
        }

        JsonObject config;
        try
        {
            var node = JsonNode.Parse(StrictUtf8.GetString(payload), documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
            if (node is not JsonObject o)
            {
                return [Rejected(topic, "the config must be a JSON object")];
            }

            config = DiscoveryConfig.Normalize(o);
        }
        catch (Exception ex) when (ex is JsonException or DecoderFallbackException)
        {
            return [Rejected(topic, $"the config is not valid JSON: {ex.Message}")];
        }

        if (!parsed.IsDevice)
        {
            return Replace(topic, [EntityReader.Read(parsed.Key, topic, parsed.Component, config, _limits)]);
        }

        return DeviceComponents(parsed, config, out var reason) is { } entities ? Replace(topic, entities) : [Rejected(topic, reason!)];
    }

    private List<DiscoveredEntity>? DeviceComponents(DiscoveryTopic topic, JsonObject config, out string? reason)
    {
        reason = config["components"] is not JsonObject ? "a device config needs a cmps (components) object"
            : config["device"] is not JsonObject ? "a device config needs a dev (device) object"
            : null;
        if (reason is not null)
        {
            return null;
        }

        var shared = config.DeepClone().AsObject();
        shared.Remove("components");
        var entities = new List<DiscoveredEntity>();
        foreach (var (name, node) in config["components"]!.AsObject())
        {
            var key = topic.ComponentKey(name);
            if (!DiscoveryTopic.IsId(name) || node is not JsonObject component || component["platform"]?.GetValueKind() != JsonValueKind.String)
            {
                var problem = DiscoveryTopic.IsId(name)
                    ? $"component '{name}' must be an object with p (platform)"
                    : $"component key '{name}' may hold only letters, digits, '_' and '-'";
                entities.Add(new DiscoveredEntity { Key = key, DiscoveryTopic = topic.Topic, Component = "unknown", Support = EntitySupport.Invalid, Problem = problem, ConfigJson = "{}" });
                continue;
            }

            if (component.Count == 1)
            {
                continue; // only p: Home Assistant's way of removing one component from a device
            }

            var merged = shared.DeepClone().AsObject();
            foreach (var (option, value) in component)
            {
                merged[option] = value?.DeepClone();
            }

            var platform = component["platform"]!.GetValue<string>();
            merged.Remove("platform");
            DiscoveryConfig.ApplyBaseTopic(merged);
            entities.Add(EntityReader.Read(key, topic.Topic, platform, merged, _limits));
        }

        return entities;
    }

    private List<DiscoveryChange> Replace(string topic, List<DiscoveredEntity> entities)
    {
        var changes = new List<DiscoveryChange>();
        var keep = entities.Select(e => e.Key).ToHashSet();
        var announced = _byTopic.TryGetValue(topic, out var keys) ? keys.Where(k => !keep.Contains(k)).ToList() : [];
        foreach (var gone in announced.Select(k => _entities[k]))
        {
            Remove(gone);
            changes.Add(new DiscoveryChange(DiscoveryChangeKind.Removed, topic, gone.Key, gone));
        }

        foreach (var entity in entities)
        {
            var known = _entities.GetValueOrDefault(entity.Key);
            if (known is not null && known.Component == entity.Component && string.Equals(known.ConfigJson, entity.ConfigJson, StringComparison.Ordinal))
            {
                continue;
            }

            Put(entity);
            changes.Add(new DiscoveryChange(known is null ? DiscoveryChangeKind.Added : DiscoveryChangeKind.Updated, topic, entity.Key, entity));
        }

        return changes;
    }

    private static DiscoveryChange Rejected(string topic, string reason) => new(DiscoveryChangeKind.Rejected, topic, null, null, reason);

    private void Put(DiscoveredEntity entity)
    {
        if (_entities.TryGetValue(entity.Key, out var known))
        {
            Remove(known);
        }

        _entities[entity.Key] = entity;
        if (!_byTopic.TryGetValue(entity.DiscoveryTopic, out var keys))
        {
            _byTopic[entity.DiscoveryTopic] = keys = [];
        }

        keys.Add(entity.Key);
    }

    private void Remove(DiscoveredEntity entity)
    {
        _entities.Remove(entity.Key);
        if (_byTopic.TryGetValue(entity.DiscoveryTopic, out var keys) && keys.Remove(entity.Key) && keys.Count == 0)
        {
            _byTopic.Remove(entity.DiscoveryTopic);
        }
    }
}
