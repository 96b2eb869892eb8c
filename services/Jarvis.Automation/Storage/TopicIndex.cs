using Jarvis.Automation.Devices;
using Jarvis.Automation.Devices.Discovery;
using Jarvis.Automation.Devices.State;

namespace Jarvis.Automation.Storage;

/// <summary>Which entities listen on a topic (state, attributes or availability), exact topics by lookup, wildcard filters by scan. Not thread-safe.</summary>
internal sealed class TopicIndex
{
    private readonly Dictionary<string, HashSet<DiscoveryKey>> _exact = new(StringComparer.Ordinal);
    private readonly Dictionary<DiscoveryKey, string[]> _byKey = [];
    private readonly Dictionary<string, HashSet<DiscoveryKey>> _wildcards = new(StringComparer.Ordinal);

    public void Set(DiscoveredEntity entity)
    {
        Remove(entity.Key);
        var topics = entity.StateTopics.Concat(entity.Availability.Topics).Distinct(StringComparer.Ordinal).ToArray();
        _byKey[entity.Key] = topics;
        foreach (var topic in topics)
        {
            var map = topic.AsSpan().IndexOfAny('+', '#') >= 0 ? _wildcards : _exact;
            if (!map.TryGetValue(topic, out var keys))
            {
                map[topic] = keys = [];
            }

            keys.Add(entity.Key);
        }
    }

    public void Remove(DiscoveryKey key)
    {
        if (!_byKey.Remove(key, out var topics))
        {
            return;
        }

        foreach (var topic in topics)
        {
            foreach (var map in new[] { _exact, _wildcards })
            {
                if (map.TryGetValue(topic, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    map.Remove(topic);
                }
            }
        }
    }

    public void Clear()
    {
        _exact.Clear();
        _byKey.Clear();
        _wildcards.Clear();
    }

    public IEnumerable<DiscoveryKey> Find(string topic)
    {
        var found = _exact.TryGetValue(topic, out var keys) ? keys.AsEnumerable() : [];
        return _wildcards.Count == 0
            ? found
            : found.Concat(_wildcards.Where(w => MqttTopics.Matches(w.Key, topic)).SelectMany(w => w.Value)).Distinct();
    }
}
