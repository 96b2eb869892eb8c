using StackExchange.Redis;

namespace Jarvis.Gateway.Tests.Infrastructure.RateLimiting;

/// <summary>
/// Moves one shared token bucket's clock forward without waiting. The bucket refills by whole periods since
/// the refill time it keeps in Redis (field <c>at</c>, Redis milliseconds, see <c>SharedTokenBucket</c>), so
/// setting that back by a period is what a period on Redis's clock does: refill becomes observable without a
/// wall-clock stall, and a bucket whose period is longer than any test never refills behind a test's back.
/// </summary>
public static class BucketClock
{
    public static async Task AdvanceAsync(IDatabase redis, RedisKey key, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(redis);
        Assert.True(await redis.HashExistsAsync(key, "at"), $"no bucket at {key}");
        await redis.HashIncrementAsync(key, "at", -(long)by.TotalMilliseconds);
    }
}
