using System.Diagnostics;
using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace Jarvis.Gateway.Infrastructure.RateLimiting;

/// <summary>
/// A token bucket kept in Redis, so that every gateway replica draws on the same one: a limit per user
/// or per address holds however many replicas serve. One script per acquire refills the bucket by
/// whole periods since its last refill, on Redis's own clock (the replicas' clocks do not enter), then
/// takes the permits or answers how long until the next token. A window of N per period is a bucket of
/// N refilled N at a time.
/// </summary>
public sealed class SharedTokenBucket : RateLimiter
{
    private const string Script = """
        local now = redis.call('TIME')
        now = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
        local limit, per, period, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1]) or limit
        local at = tonumber(state[2]) or now
        local periods = math.floor((now - at) / period)
        if periods > 0 then
          tokens = math.min(limit, tokens + periods * per)
          at = at + periods * period
        end
        if tokens >= limit then at = now end
        local granted = tokens >= want
        if granted then tokens = tokens - want end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], math.ceil(limit / per) * period + period)
        if granted then return 0 end
        return at + period - now
        """;

    private static readonly RateLimitLease Granted = new SharedLease(true, null);
    private static readonly RateLimitLease NotWithoutWaiting = new SharedLease(false, null);
    private readonly IDatabase _redis;
    private readonly RedisKey _key;
    private readonly RedisValue[] _arguments;
    private readonly int _tokenLimit;
    private long _lastUsed = Stopwatch.GetTimestamp();

    public SharedTokenBucket(IDatabase redis, RedisKey key, int tokenLimit, int tokensPerPeriod, TimeSpan replenishmentPeriod)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replenishmentPeriod, TimeSpan.FromMilliseconds(1));
        _redis = redis;
        _key = key;
        _tokenLimit = tokenLimit;
        _arguments = [tokenLimit, tokensPerPeriod, (long)replenishmentPeriod.TotalMilliseconds, 0];
    }

    /// <summary>The state is in Redis; this object may go once unused, and a new one picks up the same bucket.</summary>
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // Never answers without Redis, and never blocks a thread on it (a synchronous call per request starved the
    // thread pool that StackExchange.Redis reads on: timeouts under 70 concurrent logins). "Not now" sends the
    // rate limiting middleware on to AcquireAsync, which asks Redis.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => NotWithoutWaiting;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        Lease(await _redis.ScriptEvaluateAsync(Script, [_key], Arguments(permitCount)));

    private RedisValue[] Arguments(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _tokenLimit);
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        var arguments = (RedisValue[])_arguments.Clone();
        arguments[3] = permitCount;
        return arguments;
    }

    private static RateLimitLease Lease(RedisResult result)
    {
        var waitMs = (long)result;
        return waitMs <= 0 ? Granted : new SharedLease(false, TimeSpan.FromMilliseconds(waitMs));
    }

    private sealed class SharedLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
