using Jarvis.Gateway.Extensions;
using Jarvis.Gateway.Infrastructure.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.Gateway.Tests.Infrastructure.Sessions;

/// <summary>The first Data Protection key, made by replicas starting together on an empty Redis (the real one).</summary>
[Collection(GatewayCollection.Name)]
public sealed class KeyRingBootstrapTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Eight_replicas_starting_together_on_an_empty_key_ring_make_one_key_and_read_each_others_payloads()
    {
        var ringKey = "jarvis:test:data-protection-keys:" + Guid.NewGuid().ToString("N");
        var replicas = Enumerable.Range(0, 8).Select(_ => Replica(ringKey)).ToList();
        try
        {
            var created = await Task.WhenAll(replicas.Select(r =>
                Task.Run(() => r.GetRequiredService<KeyRingBootstrap>().EnsureActiveKeyAsync(TimeSpan.FromSeconds(30), CancellationToken.None))));

            Assert.Equal(1, created.Count(c => c));
            Assert.Equal(1, await fixture.Redis.ListLengthAsync(ringKey));
            var protectors = replicas.Select(r => r.GetDataProtectionProvider().CreateProtector("session")).ToList();
            foreach (var from in protectors)
            {
                var payload = from.Protect("a session id");
                Assert.All(protectors, to => Assert.Equal("a session id", to.Unprotect(payload)));
            }

            // A later start finds the key and makes none.
            using var late = Replica(ringKey);
            Assert.False(await late.GetRequiredService<KeyRingBootstrap>().EnsureActiveKeyAsync(TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.Equal(1, await fixture.Redis.ListLengthAsync(ringKey));
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
            await fixture.Redis.KeyDeleteAsync(ringKey);
        }
    }

    [Fact]
    public async Task The_gateway_replicas_of_the_fixture_share_one_key()
    {
        // Both replicas (and the HTTPS gateway) started together on the fixture's empty Redis.
        Assert.Equal(1, await fixture.Redis.ListLengthAsync(SessionExtensions.DataProtectionKeysKey));
    }

    [Fact]
    public async Task A_held_lock_is_waited_for_and_then_named_in_a_timeout()
    {
        var ringKey = "jarvis:test:data-protection-keys:" + Guid.NewGuid().ToString("N");
        Assert.True(await fixture.Redis.LockTakeAsync(ringKey + ":lock", "someone else", TimeSpan.FromSeconds(30)));
        using var replica = Replica(ringKey);
        try
        {
            var ex = await Assert.ThrowsAsync<TimeoutException>(() =>
                replica.GetRequiredService<KeyRingBootstrap>().EnsureActiveKeyAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None));
            Assert.Contains(ringKey + ":lock", ex.Message, StringComparison.Ordinal);
            Assert.Equal(0, await fixture.Redis.ListLengthAsync(ringKey));
        }
        finally
        {
            await fixture.Redis.KeyDeleteAsync([ringKey, ringKey + ":lock"]);
        }
    }

    /// <summary>One replica's Data Protection, configured as the gateway's, on its own key ring in the fixture's Redis.</summary>
    private ServiceProvider Replica(string ringKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        var redis = fixture.Redis;
        services.AddSharedKeyRing(_ => redis, ringKey);
        return services.BuildServiceProvider();
    }
}
