using Jarvis.Monitor.Model;
using StackExchange.Redis;

namespace Jarvis.Monitor.Checks;

/// <summary>Redis: PING answers.</summary>
public sealed class RedisProbe(IServiceProvider services) : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Redis];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var redis = services.GetService<IConnectionMultiplexer>();
        if (redis is null)
        {
            return ProbeResult.Fail(0, "ConnectionStrings:redis is not configured.");
        }

        var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return ProbeResult.Pass(latency.TotalMilliseconds);
    }
}
