using System.Threading.RateLimiting;
using Jarvis.Gateway.Infrastructure.RateLimiting;

namespace Jarvis.Gateway.Tests.Infrastructure.RateLimiting;

/// <summary>The Redis token bucket on the fixture's real Redis.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SharedTokenBucketTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Two_limiters_on_one_key_share_the_burst_then_refill_one_token_per_period()
    {
        var key = "jarvis:test:bucket:" + Guid.NewGuid().ToString("N");
        // Two replicas' limiters over the same bucket: 3 tokens, 1 more every 300 ms.
        using var first = new SharedTokenBucket(fixture.Redis, key, 3, 1, TimeSpan.FromMilliseconds(300));
        using var second = new SharedTokenBucket(fixture.Redis, key, 3, 1, TimeSpan.FromMilliseconds(300));

        // It never answers without asking Redis: a synchronous attempt is "not now", so callers await.
        Assert.False(first.AttemptAcquire().IsAcquired);
        Assert.True((await first.AcquireAsync()).IsAcquired);
        Assert.True((await second.AcquireAsync()).IsAcquired);
        Assert.True((await first.AcquireAsync()).IsAcquired);
        using var refused = await second.AcquireAsync();
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(300));

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(30));
        Assert.True((await first.AcquireAsync()).IsAcquired);
        Assert.False((await second.AcquireAsync()).IsAcquired);
        Assert.True(await fixture.Redis.KeyTimeToLiveAsync(key) is { } ttl && ttl <= TimeSpan.FromMilliseconds(1200));
        await fixture.Redis.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task The_login_throttle_refuses_a_name_beyond_its_limit_whatever_its_letter_case()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Jarvis.Gateway.Options.RateLimitOptions
        {
            LoginPerUsername = new() { PermitLimit = 3, Window = TimeSpan.FromSeconds(5) },
        });
        using var replicaA = new LoginThrottle(options, fixture.Redis.Multiplexer);
        using var replicaB = new LoginThrottle(options, fixture.Redis.Multiplexer);
        var name = "throttled-" + Guid.NewGuid().ToString("N")[..8];

        Assert.Null(await replicaA.TryAcquireAsync(name, CancellationToken.None));
        Assert.Null(await replicaB.TryAcquireAsync(name.ToUpperInvariant(), CancellationToken.None));
        Assert.Null(await replicaA.TryAcquireAsync(" " + name, CancellationToken.None));
        var wait = await replicaB.TryAcquireAsync(name, CancellationToken.None);
        Assert.NotNull(wait);
        Assert.InRange(wait.Value, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5));
        Assert.Null(await replicaA.TryAcquireAsync("someone-else-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None));
    }
}
