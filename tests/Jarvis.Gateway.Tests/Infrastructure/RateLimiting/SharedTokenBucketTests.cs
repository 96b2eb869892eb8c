using System.Diagnostics;
using System.Threading.RateLimiting;
using Jarvis.Gateway.Infrastructure.RateLimiting;

namespace Jarvis.Gateway.Tests.Infrastructure.RateLimiting;

/// <summary>The Redis token bucket on the fixture's real Redis.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SharedTokenBucketTests(GatewayFixture fixture)
{
    /// <summary>Longer than any test: no token comes back unless the test moves the bucket's clock.</summary>
    private static readonly TimeSpan LongPeriod = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Two_limiters_on_one_key_share_the_burst_then_refill_one_token_per_period()
    {
        var key = "jarvis:test:bucket:" + Guid.NewGuid().ToString("N");
        // Two replicas' limiters over the same bucket: 3 tokens, 1 more every period.
        using var first = new SharedTokenBucket(fixture.Redis, key, 3, 1, LongPeriod);
        using var second = new SharedTokenBucket(fixture.Redis, key, 3, 1, LongPeriod);

        // It never answers without asking Redis: a synchronous attempt is "not now", so callers await.
        Assert.False(first.AttemptAcquire().IsAcquired);
        Assert.True((await first.AcquireAsync()).IsAcquired);
        Assert.True((await second.AcquireAsync()).IsAcquired);
        Assert.True((await first.AcquireAsync()).IsAcquired);
        using var refused = await second.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), LongPeriod);

        // The wait it asked for passes on the bucket's clock: one token is back, for whichever replica asks first.
        await BucketClock.AdvanceAsync(fixture.Redis, key, retryAfter);
        Assert.True((await first.AcquireAsync()).IsAcquired);
        Assert.False((await second.AcquireAsync()).IsAcquired);
        // The key goes once the bucket would be full again (3 periods), a period later at most.
        Assert.True(await fixture.Redis.KeyTimeToLiveAsync(key) is { } ttl && ttl <= 4 * LongPeriod);
        await fixture.Redis.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task A_bucket_refills_on_redis_s_own_clock()
    {
        var key = "jarvis:test:bucket:" + Guid.NewGuid().ToString("N");
        using var bucket = new SharedTokenBucket(fixture.Redis, key, 1, 1, TimeSpan.FromMilliseconds(100));
        Assert.True((await bucket.AcquireAsync()).IsAcquired);
        // Empty now, as the bucket keeps it in Redis; asking again would race the refill on a slow machine.
        Assert.Equal(0, (long)await fixture.Redis.HashGetAsync(key, "tokens"));

        // Nobody moves its clock here: the token comes back as Redis's time passes.
        await Eventually.HoldsAsync(async () => (await bucket.AcquireAsync()).IsAcquired, TimeSpan.FromSeconds(10), "a token is available again");
        await fixture.Redis.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task The_login_throttle_refuses_a_name_beyond_its_limit_whatever_its_letter_case()
    {
        var window = LongPeriod;
        var options = Microsoft.Extensions.Options.Options.Create(new Jarvis.Gateway.Options.RateLimitOptions
        {
            LoginPerUsername = new() { PermitLimit = 3, Window = window },
        });
        using var replicaA = new LoginThrottle(options, fixture.Redis.Multiplexer);
        using var replicaB = new LoginThrottle(options, fixture.Redis.Multiplexer);
        var name = "throttled-" + Guid.NewGuid().ToString("N")[..8];

        var sinceFirst = Stopwatch.StartNew();
        Assert.Null(await replicaA.TryAcquireAsync(name, CancellationToken.None));
        Assert.Null(await replicaB.TryAcquireAsync(name.ToUpperInvariant(), CancellationToken.None));
        Assert.Null(await replicaA.TryAcquireAsync(" " + name, CancellationToken.None));
        var wait = await replicaB.TryAcquireAsync(name, CancellationToken.None);
        var elapsed = sinceFirst.Elapsed;
        Assert.NotNull(wait);
        // The rest of the window the first attempt opened (Redis counts whole milliseconds, hence 1 ms).
        Assert.InRange(wait.Value, window - elapsed - TimeSpan.FromMilliseconds(1), window);
        Assert.Null(await replicaA.TryAcquireAsync("someone-else-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None));
    }
}
