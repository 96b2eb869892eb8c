using System.Threading.RateLimiting;
using Jarvis.Gateway.Options;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>
/// Logins per username. The per-address limit is a rate limiter policy on the route; this one needs the
/// username from the body, so the login handler asks it. Unknown and existing names count alike.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.LoginPerUsername;
        _limiter = PartitionedRateLimiter.Create<string, string>(username =>
            RateLimitPartition.GetFixedWindowLimiter(username, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
            }));
    }

    /// <summary>Null when the attempt may go ahead, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        using var lease = _limiter.AttemptAcquire(username.Trim().ToUpperInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
