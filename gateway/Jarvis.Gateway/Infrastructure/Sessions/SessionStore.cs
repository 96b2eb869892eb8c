using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jarvis.Gateway.Model;
using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>
/// Server-side sessions in Redis, shared by every gateway replica. The cookie carries
/// <c>{sessionId}.{userId}</c> protected by Data Protection, so a tampered cookie never reaches Redis,
/// and the user id names the chat service's revocation key without a second round trip.
/// </summary>
public sealed class SessionStore(
    IConnectionMultiplexer redis,
    IDataProtectionProvider protection,
    IOptionsMonitor<SessionLifetimeOptions> options,
    IMemoryCache cache,
    TimeProvider time)
{
    private const string SessionPrefix = "jarvis:gateway:sessions:";

    // Reads the session and its user's revocation mark, and slides the expiry, in one round trip.
    private const string ResolveScript = """
        local session = redis.call('GET', KEYS[1])
        if not session then return false end
        local validAfter = redis.call('GET', KEYS[2])
        if not validAfter then validAfter = '' end
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return { session, validAfter }
        """;

    private readonly IDataProtector _protector = protection.CreateProtector("Jarvis.Gateway.Session.v1");

    /// <param name="verifiedAt">
    /// When the credential check began. A revocation written while the check ran (a disable committed
    /// after chat read the row) is at or after it, so it voids this session even though it is older.
    /// </param>
    public async Task<(Session Session, string Cookie)> CreateAsync(SignedInUser user, DateTimeOffset verifiedAt)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lifetime = options.CurrentValue;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var session = new Session(
            RandomToken(), user.Id, user.Username, user.Role, RandomToken(),
            Math.Min(verifiedAt.ToUnixTimeMilliseconds(), now), now + (long)lifetime.AbsoluteTimeout.TotalMilliseconds);
        var json = JsonSerializer.Serialize(session, GatewayJsonContext.Default.Session);
        await redis.GetDatabase().StringSetAsync(StorageKey(session.Id), json, Min(lifetime.IdleTimeout, lifetime.AbsoluteTimeout));
        return (session, _protector.Protect($"{session.Id}.{session.UserId}"));
    }

    /// <summary>The live session a cookie names, or null when it is forged, expired, ended or revoked.</summary>
    public async Task<Session?> ResolveAsync(string cookie)
    {
        if (!TryReadCookie(cookie, out var sessionId, out var userId))
        {
            return null;
        }

        var lifetime = options.CurrentValue;
        var key = StorageKey(sessionId);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            ResolveScript,
            [key, SessionRevocationMark.Key(userId)],
            [(long)lifetime.IdleTimeout.TotalMilliseconds]);
        if (result.IsNull || result.Length != 2)
        {
            return null;
        }

        var session = JsonSerializer.Deserialize((string)result[0]!, GatewayJsonContext.Default.Session);
        if (session is null || !string.Equals(session.UserId, userId, StringComparison.Ordinal)
            || !string.Equals(session.Id, sessionId, StringComparison.Ordinal))
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var validAfter = (string?)result[1];
        var revoked = SessionRevocationMark.TryRead(validAfter, out var mark) && session.VerifiedAtMs <= mark;
        if (revoked || now >= session.AbsoluteExpiryMs)
        {
            await redis.GetDatabase().KeyDeleteAsync(key, CommandFlags.FireAndForget);
            return null;
        }

        return session;
    }

    public Task EndAsync(Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return redis.GetDatabase().KeyDeleteAsync(StorageKey(session.Id));
    }

    private bool TryReadCookie(string cookie, out string sessionId, out string userId)
    {
        sessionId = userId = "";
        // Unprotecting is the costliest step of a request's sign-in; a cookie's payload never changes, so it is
        // remembered for a while. Whether the session still lives is asked of Redis on every request regardless.
        var cacheKey = "session-cookie:" + cookie;
        if (!cache.TryGetValue(cacheKey, out string? payload) || payload is null)
        {
            payload = Unprotect(cookie);
            if (payload is null)
            {
                return false;
            }

            cache.Set(cacheKey, payload, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = 1 });
        }

        var dot = payload.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == payload.Length - 1)
        {
            return false;
        }

        sessionId = payload[..dot];
        userId = payload[(dot + 1)..];
        return true;
    }

    private string? Unprotect(string cookie)
    {
        try
        {
            return _protector.Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Redis holds a hash of the id, so reading Redis alone does not give a usable cookie.
    private static RedisKey StorageKey(string sessionId) =>
        SessionPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
