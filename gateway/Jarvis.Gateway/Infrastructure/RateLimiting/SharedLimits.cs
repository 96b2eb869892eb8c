using Jarvis.Gateway.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>The gateway's limits that every replica shares, as <see cref="SharedTokenBucket"/>s under one Redis prefix.</summary>
public static class SharedLimits
{
    public const string KeyPrefix = "jarvis:gateway:rate:";

    /// <summary>At most <see cref="WindowLimit.PermitLimit"/> per window: a bucket of that many, refilled all at once.</summary>
    public static SharedTokenBucket Window(IServiceProvider services, string key, WindowLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(Redis(services), KeyPrefix + key, limit.PermitLimit, limit.PermitLimit, limit.Window);
    }

    public static SharedTokenBucket Bucket(IServiceProvider services, string key, TokenBucketLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(Redis(services), KeyPrefix + key, limit.TokenLimit, limit.TokensPerPeriod, limit.ReplenishmentPeriod);
    }

    private static IDatabase Redis(IServiceProvider services) => services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
}
