using System.Threading.Channels;
using Jarvis.Automation.Model;

namespace Jarvis.Automation.Storage;

/// <summary>
/// One event-stream client's live events: every event with an id above <see cref="StartedAfter"/> arrives on
/// <see cref="Events"/>. When the client falls too far behind, the channel is completed and the client resumes
/// from the database with <c>Last-Event-ID</c>.
/// </summary>
public sealed class EventSubscription(DeviceEventFeed feed, Channel<StateEvent> channel, long startedAfter) : IDisposable
{
    public long StartedAfter => startedAfter;

    public ChannelReader<StateEvent> Events => channel.Reader;

    internal ChannelWriter<StateEvent> Writer => channel.Writer;

    public void Dispose() => feed.Unsubscribe(this);
}
