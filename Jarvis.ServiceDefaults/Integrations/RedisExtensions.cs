using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>The Redis client every service uses: Aspire.StackExchange.Redis, with Jarvis's tuning.</summary>
public static class RedisExtensions
{
    /// <summary>The readiness check's name in <c>/health</c>.</summary>
    public const string HealthCheckName = "redis";

    /// <summary>
    /// Registers an <see cref="IConnectionMultiplexer"/> from <c>ConnectionStrings:{name}</c> through
    /// Aspire.StackExchange.Redis (health check, logging), traced only when traces are exported.
    /// </summary>
    public static TBuilder AddJarvisRedisClient<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddRedisClient(
            connectionName,
            settings =>
            {
                settings.DisableTracing = !builder.TracesExported();
                // Connected on first use, as a service that does not need Redis yet starts without waiting for it.
                settings.DisableAutoActivation = true;
            },
            options =>
            {
                // Start even while Redis is down; health reports it until it answers.
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 3000;
            });

        builder.RenameHealthCheck("StackExchange.Redis", HealthCheckName, TimeSpan.FromSeconds(3));
        return builder;
    }
}
