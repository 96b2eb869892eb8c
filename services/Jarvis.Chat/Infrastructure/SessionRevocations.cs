using System.Globalization;
using StackExchange.Redis;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// Tells the gateway that a person's sessions up to now are void (disabled, new role, new password):
/// <c>SET jarvis:users:{id}:sessions-valid-after &lt;unix ms&gt;</c>, no expiry.
/// </summary>
public sealed class SessionRevocations(IServiceProvider services, TimeProvider time)
{
    public static string Key(Guid userId) => $"jarvis:users:{userId:D}:sessions-valid-after";

    /// <exception cref="SessionRevocationException">Redis is not configured or did not take the write.</exception>
    public async Task RevokeAsync(Guid userId)
    {
        // Resolved late so the service still starts (and fails closed here) without Redis configured.
        var redis = services.GetService<IConnectionMultiplexer>()
            ?? throw new SessionRevocationException("Redis (ConnectionStrings:redis) is not configured.", null);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        try
        {
            if (!await redis.GetDatabase().StringSetAsync(Key(userId), now))
            {
                throw new SessionRevocationException("Redis did not store the revocation.", null);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new SessionRevocationException("Redis is unreachable.", ex);
        }
    }
}
