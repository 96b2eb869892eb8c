using Jarvis.Gateway.Model;
using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>
/// One internal JWT per session, reused for <see cref="SessionLifetimeOptions.TokenReuse"/>: signing on every
/// request would dominate the proxy's added latency. Revocation still holds, since the session is checked in
/// Redis on every request before its token is used.
/// </summary>
public sealed class InternalTokenCache(InternalTokenMinter minter, IMemoryCache cache, IOptionsMonitor<SessionLifetimeOptions> options)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);

    public string For(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var key = CacheKey(session.Id);
        if (cache.TryGetValue(key, out string? token) && token is not null)
        {
            return token;
        }

        var reuse = options.CurrentValue.TokenReuse;
        // The token outlives its reuse by a margin, so a service never receives one about to expire; capped at 5 minutes.
        var lifetime = reuse + Margin > InternalAuthOptions.MaxLifetime ? InternalAuthOptions.MaxLifetime : reuse + Margin;
        token = minter.Mint(new InternalPrincipal(session.UserId, session.Username, session.Role), lifetime);
        cache.Set(key, token, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime - Margin, Size = 1 });
        return token;
    }

    public void Forget(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        cache.Remove(CacheKey(session.Id));
    }

    private static string CacheKey(string sessionId) => "internal-token:" + sessionId;
}
