using Jarvis.ServiceDefaults;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// Serves only requests whose <c>Host</c> is one of <see cref="PublicOrigins"/>: a request for another name
/// (DNS rebinding, a forged <c>Host</c> that other checks might trust) is 400 problem details. The loopback
/// management port (health and metrics for the orchestrator and Prometheus) is not a public origin: it is
/// reached through the orchestrator's proxy too, with the proxy's port in <c>Host</c>, so there any loopback
/// name on any port is served and every other name still refused.
/// </summary>
public sealed class HostGuard(RequestDelegate next, PublicOrigins origins, IConfiguration configuration)
{
    private readonly int? _managementPort = configuration.GetValue<int?>(Microsoft.Extensions.Hosting.Extensions.ManagementPortKey);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowed = context.Connection.LocalPort == _managementPort
            ? IsLoopbackName(context.Request.Host)
            : origins.IsAllowedHost(context.Request.Scheme, context.Request.Host);
        return allowed
            ? next(context)
            : ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Unknown host",
                "This gateway does not answer for that Host; add its origin to Gateway:PublicOrigins.");
    }

    private static bool IsLoopbackName(HostString host) =>
        host.HasValue && host.Host.ToLowerInvariant() is "localhost" or "127.0.0.1" or "[::1]";
}
