using System.Globalization;
using Jarvis.Gateway.Infrastructure.Sessions;
using Jarvis.Gateway.Model;
using Jarvis.ServiceDefaults.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Jarvis.Gateway.Tests.Infrastructure.Sessions;

/// <summary>
/// A disable that commits while a sign-in's credential check runs: chat read the row before the commit,
/// so the check succeeds, and the revocation mark is written after the check began but before the
/// session exists. The session must be void all the same.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionRevocationRaceTests(GatewayFixture fixture) : IDisposable
{
    private readonly ServiceProvider _services = Services(fixture.Redis.Multiplexer);

    [Fact]
    public async Task A_mark_written_while_the_credential_check_ran_voids_the_session_made_after_it()
    {
        var user = new SignedInUser(Guid.NewGuid().ToString(), "racer", "user");
        var checkBegan = DateTimeOffset.UtcNow;
        await MarkAsync(user.Id, checkBegan.AddMilliseconds(20)); // the disable's mark, after the check began
        var sessions = _services.GetRequiredService<SessionStore>();
        var (_, cookie) = await sessions.CreateAsync(user, checkBegan);

        Assert.Null(await sessions.ResolveAsync(cookie));
    }

    [Fact]
    public async Task A_mark_from_before_the_credential_check_leaves_the_new_session_valid()
    {
        var user = new SignedInUser(Guid.NewGuid().ToString(), "returner", "user");
        var checkBegan = DateTimeOffset.UtcNow;
        await MarkAsync(user.Id, checkBegan.AddMilliseconds(-20)); // e.g. a password change the user then signs in with
        var sessions = _services.GetRequiredService<SessionStore>();
        var (created, cookie) = await sessions.CreateAsync(user, checkBegan);

        var resolved = await sessions.ResolveAsync(cookie);
        Assert.NotNull(resolved);
        Assert.Equal(created.Id, resolved.Id);
    }

    private Task<bool> MarkAsync(string userId, DateTimeOffset at) =>
        fixture.Redis.StringSetAsync(SessionRevocationMark.Key(userId), at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(5));

    /// <summary>The gateway's session store on the fixture's Redis, with a throwaway key ring.</summary>
    private static ServiceProvider Services(IConnectionMultiplexer redis)
    {
        var services = new ServiceCollection();
        services.AddOptions();
        services.AddMemoryCache(o => o.SizeLimit = 1000);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(redis);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SessionStore>();
        return services.BuildServiceProvider();
    }

    public void Dispose() => _services.Dispose();
}
