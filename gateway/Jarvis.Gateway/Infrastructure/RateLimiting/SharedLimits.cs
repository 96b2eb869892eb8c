using System.Security.Cryptography;
using System.Text;
using Jarvis.Gateway.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>The gateway's limits that every replica shares, as <see cref="SharedTokenBucket"/>s under one Redis prefix.</summary>
public static class SharedLimits
{
    public const string KeyPrefix = "jarvis:gateway:rate:";

    /// <summary>Logins from one client address.</summary>
    public static string LoginAddressPartition(string address) => "login-address:" + address;

    /// <summary>Logins for one name, whatever its letter case or surrounding spaces; Redis sees its SHA-256, not the name.</summary>
    public static string LoginUsernamePartition(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        return "login-username:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(username.Trim().ToUpperInvariant())));
    }

    /// <summary>Message sends of one user (or, without one, one address).</summary>
    public static string MessageSendPartition(string userOrAddress) => "message-send:" + userOrAddress;

    /// <summary>The Redis key of a partition's bucket.</summary>
    public static string Key(string partition) => KeyPrefix + partition;

    /// <summary>At most <see cref="WindowLimit.PermitLimit"/> per window: a bucket of that many, refilled all at once.</summary>
    public static SharedTokenBucket Window(IConnectionMultiplexer redis, string key, WindowLimit limit)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(redis.GetDatabase(), Key(key), limit.PermitLimit, limit.PermitLimit, limit.Window);
    }

    public static SharedTokenBucket Bucket(IConnectionMultiplexer redis, string key, TokenBucketLimit limit)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(limit);
        return new SharedTokenBucket(redis.GetDatabase(), Key(key), limit.TokenLimit, limit.TokensPerPeriod, limit.ReplenishmentPeriod);
    }
}
