using Jarvis.ServiceDefaults;
using Jarvis.Gateway.Infrastructure;
using Jarvis.Gateway.Infrastructure.Proxy;

namespace Jarvis.Gateway.Extensions;

/// <summary>YARP from the <c>ReverseProxy</c> section (reloaded on change), destinations from service discovery.</summary>
public static class ReverseProxyExtensions
{
    public static IServiceCollection AddServiceRoutes(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IdentityForwarding>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<DiscoveredDestinations>()
            .AddTransforms<IdentityForwarding>();
        return services;
    }

    /// <summary>Every proxied route needs a session (the fallback policy); the API's unknown paths answer 404.</summary>
    public static WebApplication MapServiceRoutes(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyErrorResponses.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });

        // After every proxied route, whatever their Order.
        app.Map("/api/{**rest}", UnknownRoute).WithOrder(1000).WithName("UnknownApiRoute").ExcludeFromDescription();
        return app;
    }

    private static Task UnknownRoute(HttpContext context) =>
        ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "No such API route", context.Request.Path);
}
