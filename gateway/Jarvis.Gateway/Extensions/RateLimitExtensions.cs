using Jarvis.ServiceDefaults;
using System.Globalization;
using System.Threading.RateLimiting;
using Jarvis.Gateway.Infrastructure;
using Jarvis.Gateway.Infrastructure.RateLimiting;
using Jarvis.Gateway.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Jarvis.Gateway.Extensions;

/// <summary>Rate limits from <see cref="RateLimitOptions"/> (<c>Gateway:RateLimits</c>, validated at start).</summary>
public static class RateLimitExtensions
{
    public const string LoginPolicy = "login";
    public const string MessageSendPolicy = "message-send";

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<LoginThrottle>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, configured) =>
        {
            var limits = configured.Value;
            // The general budget: per user once signed in, per address before; only the API counts, and a route
            // with a limit of its own (login, message send) is counted by that limit alone.
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api")
                    || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is not null)
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var user = context.User.FindFirst("sub")?.Value;
                var (key, limit) = user is not null ? ("user:" + user, limits.PerUser) : ("address:" + Address(context), limits.PerAddress);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(limit));
            });

            // Logins and message sends are shared by every replica (in Redis); the general budget above is a
            // per-replica flood guard and costs no round trip.
            options.AddPolicy(LoginPolicy, context =>
            {
                var redis = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
                return RateLimitPartition.Get(SharedLimits.LoginAddressPartition(Address(context)), key => SharedLimits.Window(redis, key, limits.LoginPerAddress));
            });

            options.AddPolicy(MessageSendPolicy, context =>
            {
                var redis = context.RequestServices.GetRequiredService<IConnectionMultiplexer>();
                return RateLimitPartition.Get(SharedLimits.MessageSendPartition(context.User.FindFirst("sub")?.Value ?? Address(context)), key => SharedLimits.Bucket(redis, key, limits.MessageSend));
            });

            options.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return new ValueTask(WriteTooManyRequestsAsync(rejected.HttpContext, retryAfter));
            };
        });
        return services;
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least 1) and problem details.</summary>
    public static Task WriteTooManyRequestsAsync(HttpContext context, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ProblemResponse.WriteAsync(context, StatusCodes.Status429TooManyRequests,
            "Too many requests", $"Try again in {seconds.ToString(CultureInfo.InvariantCulture)} s.");
    }

    public static string Address(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    private static FixedWindowRateLimiterOptions Window(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
