using Jarvis.Gateway.Infrastructure.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Jarvis.Gateway.Extensions;

/// <summary>Cookie sessions held in Redis, with the Data Protection key ring in Redis too, shared by every replica.</summary>
public static class SessionExtensions
{
    public const string DataProtectionKeysKey = "jarvis:gateway:data-protection-keys";

    /// <summary>Sessions whose lifetimes are <see cref="SessionLifetimeOptions"/> (registered by <see cref="OptionsExtensions.AddGatewayOptions"/>).</summary>
    public static IServiceCollection AddCookieSessions(this IServiceCollection services)
    {
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        services.AddSharedKeyRing(sp => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), DataProtectionKeysKey);
        services.AddSingleton<SessionStore>();
        services.AddSingleton<InternalTokenCache>();

        // Replaces the services' JWT scheme: a browser's only credential here is the session cookie.
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SessionAuthenticationHandler.SchemeName;
                options.DefaultAuthenticateScheme = SessionAuthenticationHandler.SchemeName;
                options.DefaultChallengeScheme = SessionAuthenticationHandler.SchemeName;
                options.DefaultForbidScheme = SessionAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        return services;
    }

    /// <summary>
    /// Data Protection as every replica uses it: one application name, the key ring in Redis at
    /// <paramref name="ringKey"/>, and the <see cref="KeyRingBootstrap"/> that makes its first key once.
    /// </summary>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, Func<IServiceProvider, IDatabase> redis, string ringKey)
    {
        services.AddDataProtection().SetApplicationName("jarvis-gateway");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis(sp), ringKey));
        services.AddSingleton(sp => new KeyRingBootstrap(
            sp.GetRequiredService<IKeyManager>(),
            redis(sp),
            ringKey + ":lock",
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<KeyRingBootstrap>>()));
        return services;
    }

    /// <summary>Before serving: the shared key ring has an active key, created once whatever the number of replicas.</summary>
    public static Task PrepareKeyRingAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<KeyRingBootstrap>().EnsureActiveKeyAsync(TimeSpan.FromSeconds(30), app.Lifetime.ApplicationStopping);
    }
}
