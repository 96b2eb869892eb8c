using Jarvis.ServiceDefaults.Contracts;
using StackExchange.Redis;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// Tells the gateway that a person's sessions up to now are void (disabled, new role, new password):
/// sets the <see cref="SessionRevocationMark"/>. A change marks twice:
/// before its commit (<see cref="RevokeAsync"/>: Redis refusing rolls the change back) and after it
/// (<see cref="ConfirmAfterCommitAsync"/>), so a sign-in whose credential check read the row before the
/// commit, and began after the first mark, is void too: the gateway compares the mark with the moment
/// the check began.
/// </summary>
public sealed partial class SessionRevocations(IServiceProvider services, TimeProvider time, ILogger<SessionRevocations> logger)
{
    /// <exception cref="SessionRevocationException">Redis is not configured or did not take the write.</exception>
    public async Task RevokeAsync(Guid userId)
    {
        // Resolved late so the service still starts (and fails closed here) without Redis configured.
        var redis = services.GetService<IConnectionMultiplexer>()
            ?? throw new SessionRevocationException("Redis (ConnectionStrings:redis) is not configured.", null);
        var now = SessionRevocationMark.Value(time.GetUtcNow());
        try
        {
            if (!await redis.GetDatabase().StringSetAsync(SessionRevocationMark.Key(userId), now))
            {
                throw new SessionRevocationException("Redis did not store the revocation.", null);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw new SessionRevocationException("Redis is unreachable.", ex);
        }
    }

    /// <summary>The second mark, once the change is committed; a failure leaves the first one standing and is logged.</summary>
    public async Task ConfirmAfterCommitAsync(Guid userId)
    {
        try
        {
            await RevokeAsync(userId);
        }
        catch (SessionRevocationException ex)
        {
            LogConfirmFailed(ex, userId);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning,
        Message = "Could not renew the session revocation of user {UserId} after the commit; a sign-in checked during the change may stay valid")]
    private partial void LogConfirmFailed(Exception exception, Guid userId);
}
