using System.Collections.Concurrent;
using System.Threading.Channels;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Engine;

/// <summary>Every check's latest snapshot on this replica, and the status changes streamed to whoever listens (SSE).</summary>
public sealed class StatusBoard
{
    private const int ListenerBuffer = 256;
    private readonly ConcurrentDictionary<string, CheckSnapshot> _checks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Channel<StatusChange>, byte> _listeners = new();

    public IReadOnlyCollection<CheckSnapshot> Checks => [.. _checks.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public CheckSnapshot? Find(string id) => _checks.TryGetValue(id, out var snapshot) ? snapshot : null;

    public void Update(CheckSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _checks[snapshot.Id] = snapshot;
    }

    public void Remove(string id) => _checks.TryRemove(id, out _);

    public void Publish(StatusChange change)
    {
        foreach (var listener in _listeners.Keys)
        {
            // A listener that cannot keep up loses its oldest changes, never slows the checks.
            listener.Writer.TryWrite(change);
        }
    }

    public ChannelReader<StatusChange> Listen(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<StatusChange>(new BoundedChannelOptions(ListenerBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _listeners[channel] = 0;
        cancellationToken.Register(() =>
        {
            _listeners.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Down if any check is down, else pending if any is, else up.</summary>
    public static CheckStatus Overall(IEnumerable<CheckSnapshot> checks)
    {
        var statuses = checks.Select(c => c.Status).ToList();
        return statuses.Contains(CheckStatus.Down) ? CheckStatus.Down
            : statuses.Contains(CheckStatus.Pending) ? CheckStatus.Pending
            : CheckStatus.Up;
    }
}
