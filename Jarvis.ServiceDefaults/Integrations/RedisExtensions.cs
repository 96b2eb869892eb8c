using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Jarvis.ServiceDefaults.Integrations;

/// <summary>The Redis client a service uses, in the shape of Aspire.StackExchange.Redis.</summary>
public static class RedisExtensions
{
    public static TBuilder AddRedisClient<TBuilder>(this TBuilder builder, string connectionName) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        var options = ConfigurationOptions.Parse(connectionString);
        // Start even while Redis is down; health reports it until it answers.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 3000;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        builder.Services.AddHealthChecks().AddRedis(
            sp => sp.GetRequiredService<IConnectionMultiplexer>(), name: "redis", tags: [Extensions.ReadyTag], timeout: TimeSpan.FromSeconds(3));
        return builder;
    }
}
