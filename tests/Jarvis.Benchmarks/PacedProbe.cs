using System.Diagnostics;

namespace Jarvis.Benchmarks;

/// <summary>
/// One paced phase's messages: message i carries the state <c>Base + i</c>; when it was handed to the MQTT client
/// and when its event came out of the service's event stream (Stopwatch ticks, 0 until then).
/// </summary>
internal sealed class PacedProbe(long @base, int count)
{
    private readonly long[] _sent = new long[count];
    private readonly long[] _seen = new long[count];
    private long _received;

    public long Base { get; } = @base;

    public int Count { get; } = count;

    public long Received => Interlocked.Read(ref _received);

    public void Sent(int index) => _sent[index] = Stopwatch.GetTimestamp();

    /// <summary>An event carried <paramref name="value"/> as its state; not this phase's, or a repeat, is ignored.</summary>
    public void Seen(long value, long at)
    {
        var index = value - Base;
        if (index >= 0 && index < Count && Interlocked.CompareExchange(ref _seen[index], at, 0) == 0)
        {
            Interlocked.Increment(ref _received);
        }
    }

    /// <summary>Publish → event, in milliseconds, of every message whose event arrived, sorted.</summary>
    public double[] Latencies() =>
        [.. Enumerable.Range(0, Count).Where(i => _seen[i] != 0 && _sent[i] != 0)
            .Select(i => Stopwatch.GetElapsedTime(_sent[i], _seen[i]).TotalMilliseconds).Order()];
}
