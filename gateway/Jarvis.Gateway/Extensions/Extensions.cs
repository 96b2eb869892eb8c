using Jarvis.Gateway.Infrastructure;
using Jarvis.Gateway.Infrastructure.Security;
using Jarvis.Gateway.Infrastructure.Web;
using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Jarvis.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.AddJarvisRedisClient("redis");
        builder.ConfigureGatewayKestrel();

        services.AddGatewayOptions();
        services.AddSingleton<PublicOrigins>();
        services.AddSingleton(sp => new WebRoot(
            sp.GetRequiredService<IOptions<GatewayOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>()));

        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<RequestLimitOptions>>((timeouts, limits) =>
            timeouts.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            });

        services.AddExceptionHandler<SharedStoreUnavailableHandler>();
        services.AddCookieSessions();
        services.AddGatewayRateLimits();
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
