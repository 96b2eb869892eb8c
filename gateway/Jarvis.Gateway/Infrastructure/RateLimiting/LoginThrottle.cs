using System.Threading.RateLimiting;
using Jarvis.Gateway.Options;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>
/// Logins per username, shared by every replica. The per-address limit is a rate limiter policy on the
/// route; this one needs the username from the body, so the login handler asks it. Unknown and existing
/// names count alike; Redis sees a hash of the name, never the name.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<RateLimitOptions> options, IConnectionMultiplexer redis)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.LoginPerUsername;
        _limiter = PartitionedRateLimiter.Create<string, string>(key =>
            RateLimitPartition.Get(key, k => SharedLimits.Window(redis, k, limit)));
    }

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        using var lease = await _limiter.AcquireAsync(SharedLimits.LoginUsernamePartition(username), cancellationToken: cancellationToken);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
