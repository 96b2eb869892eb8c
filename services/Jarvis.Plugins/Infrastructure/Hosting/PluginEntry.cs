using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>One plugin in the catalog: its files, status, runner and counters.</summary>
internal sealed class PluginEntry(string id, string folder)
{
    private long _calls;
    private long _errors;
    private long _timeouts;
    private long _memoryHits;
    private long _latencyTicks;
    private long _maxLatencyTicks;

    public string Id { get; } = id;

    public string Folder { get; } = folder;

    /// <summary>Serialises reload, enable and disable of this plugin.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public PluginFiles? Files { get; set; }

    public PluginRunner? Runner { get; set; }

    public volatile bool Disabled;

    public volatile string? LoadError;

    public long MemoryBytes;

    public PluginManifest? Manifest => Files?.Manifest;

    public PluginStatus Status => Disabled ? PluginStatus.Disabled : LoadError is null && Runner is not null ? PluginStatus.Loaded : PluginStatus.Failed;

    public TimeSpan Budget(PluginsOptions options) => TimeSpan.FromMilliseconds(Math.Min(Manifest?.TimeoutMs ?? options.TimeoutMs, options.TimeoutMs));

    public long MemoryLimit(PluginsOptions options) => Math.Min(Manifest?.MemoryMb ?? options.MemoryMb, options.MemoryMb) * 1024L * 1024L;

    public void Record(PluginCallResult result, TimeSpan elapsed)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _latencyTicks, elapsed.Ticks);
        long max;
        while (elapsed.Ticks > (max = Interlocked.Read(ref _maxLatencyTicks)) &&
               Interlocked.CompareExchange(ref _maxLatencyTicks, elapsed.Ticks, max) != max)
        {
        }

        if (!result.Ok)
        {
            Interlocked.Increment(ref _errors);
            if (result.Error == PluginErrorCode.Timeout)
            {
                Interlocked.Increment(ref _timeouts);
            }
            else if (result.Error == PluginErrorCode.MemoryLimit)
            {
                Interlocked.Increment(ref _memoryHits);
            }
        }
    }

    public PluginSnapshot Snapshot()
    {
        var calls = Interlocked.Read(ref _calls);
        var statistics = new PluginStatistics(calls, Interlocked.Read(ref _errors), Interlocked.Read(ref _timeouts), Interlocked.Read(ref _memoryHits),
            Interlocked.Read(ref MemoryBytes),
            calls == 0 ? 0 : TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks) / calls).TotalMilliseconds,
            TimeSpan.FromTicks(Interlocked.Read(ref _maxLatencyTicks)).TotalMilliseconds);
        var manifest = Manifest;
        return new PluginSnapshot(Id, manifest?.Version, manifest?.Name, manifest?.Description, Status,
            Disabled ? LoadError : LoadError ?? (Runner is null ? "not loaded yet" : null),
            manifest?.Hooks ?? [], manifest?.Permissions ?? [], manifest?.Priority ?? 0, statistics);
    }
}
