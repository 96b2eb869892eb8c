namespace Jarvis.AppHost.Hosting;

/// <summary>The recent lines of a resource's output, numbered so a reader can follow them live.</summary>
public sealed class LogBuffer(int capacity = 2000)
{
    private readonly LinkedList<LogLine> _lines = new();
    private readonly Lock _lock = new();
    private long _next;

    public void Add(int replica, string text, bool isError)
    {
        lock (_lock)
        {
            _lines.AddLast(new LogLine(++_next, DateTimeOffset.UtcNow, replica, text, isError));
            if (_lines.Count > capacity)
            {
                _lines.RemoveFirst();
            }
        }
    }

    /// <summary>Lines numbered above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<LogLine> After(long after, int max = 500)
    {
        lock (_lock)
        {
            return _lines.Where(l => l.Sequence > after).Take(max).ToList();
        }
    }
}
