using Microsoft.AspNetCore.DataProtection.KeyManagement;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.Sessions;

/// <summary>
/// Makes sure the shared Data Protection key ring holds an active key before this replica serves.
/// The replica that takes the Redis lock creates it; the others wait and find it. Without this,
/// replicas starting together on an empty Redis could each create a first key, active at once,
/// and refuse the cookies the other protected. Later keys are Data Protection's own business: it
/// creates them days before they activate, so every replica has read them by then.
/// </summary>
public sealed partial class KeyRingBootstrap(IKeyManager keys, IDatabase redis, RedisKey lockKey, TimeProvider time, ILogger<KeyRingBootstrap> logger)
{
    private static readonly TimeSpan LockLifetime = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    /// <summary>True when this call created the key.</summary>
    public async Task<bool> EnsureActiveKeyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        var owner = Guid.NewGuid().ToString("N");
        try
        {
            while (!await redis.LockTakeAsync(lockKey, owner, LockLifetime))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The Data Protection key ring lock '{lockKey}' was not free within {wait.TotalSeconds:0} s.");
        }

        try
        {
            var now = time.GetUtcNow();
            if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            {
                return false;
            }

            var key = keys.CreateNewKey(now, now + KeyLifetime);
            LogKeyCreated(key.KeyId, key.ExpirationDate);
            return true;
        }
        finally
        {
            await redis.LockReleaseAsync(lockKey, owner);
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Created the first Data Protection key {KeyId}, valid until {Expiration:u}")]
    private partial void LogKeyCreated(Guid keyId, DateTimeOffset expiration);
}
