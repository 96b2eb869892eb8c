using Jarvis.Gateway.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>The gateway's limits that every replica shares, as <see cref="SharedTokenBucket"/>s under one Redis prefix.</summary>
public static class SharedLimits
{
    public const string KeyPrefix = "jarvis:gateway:rate:";

    /// <summary>At most <see cref="WindowLimit.PermitLimit"/> per window: a bucket of that many, refilled all at once.</summary>
    public static SharedTokenBucket Window(IConnectionMultiplexer redis, string key, WindowLimit limit)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(redis.GetDatabase(), KeyPrefix + key, limit.PermitLimit, limit.PermitLimit, limit.Window);
    }

    public static SharedTokenBucket Bucket(IConnectionMultiplexer redis, string key, TokenBucketLimit limit)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(redis.GetDatabase(), KeyPrefix + key, limit.TokenLimit, limit.TokensPerPeriod, limit.ReplenishmentPeriod);
    }
}
