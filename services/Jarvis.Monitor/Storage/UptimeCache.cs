using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Storage;

/// <summary>Uptime ratios read at most every few seconds: a status page polled by many browsers costs one query.</summary>
public sealed class UptimeCache(HistoryStore history, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, UptimeRatios> _ratios = new Dictionary<string, UptimeRatios>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public void Dispose() => _gate.Dispose();

    public async Task<IReadOnlyDictionary<string, UptimeRatios>> GetAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() - _readAt < Freshness)
        {
            return _ratios;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (time.GetUtcNow() - _readAt >= Freshness)
            {
                _ratios = await history.UptimeAsync(cancellationToken);
                _readAt = time.GetUtcNow();
            }

            return _ratios;
        }
        finally
        {
            _gate.Release();
        }
    }
}
