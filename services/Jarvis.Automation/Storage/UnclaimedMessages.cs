namespace Jarvis.Automation.Storage;

/// <summary>
/// The latest message on each topic no entity listens on yet, in memory and bounded: a bridge often publishes its
/// availability or a state before the discovery config that names the topic (or the broker hands over retained
/// messages in that order), and a new entity starts from these instead of waiting for the next message.
/// Thread-safe; the oldest topics are forgotten first.
/// </summary>
public sealed class UnclaimedMessages
{
    public const int MaxTopics = 10_000;
    public const int MaxPayloadBytes = 16 * 1024;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<(string Topic, byte[] Payload)>> _byTopic = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Topic, byte[] Payload)> _order = new();

    public void Keep(string topic, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return;
        }

        var copy = payload.ToArray();
        lock (_gate)
        {
            if (_byTopic.Remove(topic, out var known))
            {
                _order.Remove(known);
            }

            _byTopic[topic] = _order.AddLast((topic, copy));
            if (_byTopic.Count > MaxTopics)
            {
                _byTopic.Remove(_order.First!.Value.Topic);
                _order.RemoveFirst();
            }
        }
    }

    /// <summary>Takes (and forgets) the messages kept for <paramref name="topics"/>.</summary>
    public IReadOnlyList<(string Topic, byte[] Payload)> Take(IEnumerable<string> topics)
    {
        var taken = new List<(string Topic, byte[] Payload)>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (_byTopic.Remove(topic, out var node))
                {
                    _order.Remove(node);
                    taken.Add(node.Value);
                }
            }
        }

        return taken;
    }
}
