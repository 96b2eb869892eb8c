using Jarvis.ServiceDefaults;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// Serves only requests whose <c>Host</c> is one of <see cref="PublicOrigins"/>: a request for another name
/// (DNS rebinding, a forged <c>Host</c> that other checks might trust) is 400 problem details.
/// </summary>
public sealed class HostGuard(RequestDelegate next, PublicOrigins origins)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return origins.IsAllowedHost(context.Request.Scheme, context.Request.Host)
            ? next(context)
            : ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "Unknown host",
                "This gateway does not answer for that Host; add its origin to Gateway:PublicOrigins.");
    }
}
