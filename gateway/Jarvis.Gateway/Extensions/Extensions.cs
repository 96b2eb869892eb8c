using Jarvis.Gateway.Infrastructure;
using Jarvis.Gateway.Infrastructure.Security;
using Jarvis.Gateway.Infrastructure.Web;
using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Jarvis.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddRedisClient("redis");
        builder.ConfigureGatewayKestrel();

        services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.SectionName));
        services.AddSingleton<PublicOrigins>();
        services.Configure<RequestLimitOptions>(configuration.GetSection(RequestLimitOptions.SectionName));
        services.AddSingleton(sp => new WebRoot(
            configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions(),
            sp.GetRequiredService<IHostEnvironment>()));

        var limits = configuration.GetSection(RequestLimitOptions.SectionName).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = limits.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
        });

        services.AddExceptionHandler<SharedStoreUnavailableHandler>();
        services.AddCookieSessions(configuration);
        services.AddGatewayRateLimits(configuration);
        services.AddServiceRoutes(configuration);

        services.AddHttpClient<ChatCredentials>(http => http.BaseAddress = new Uri("https+http://chat")).AddServiceToken();
        // A credential check is not retried: a retry would record a second audit row and hold the login up.
        // (It is the gateway's only HttpClient; YARP forwards with its own.)
        services.ConfigureAll<HttpStandardResilienceOptions>(o =>
        {
            o.Retry.ShouldHandle = static _ => PredicateResult.False();
            o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        });
    }
}
