using Microsoft.Net.Http.Headers;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// Headers set on every response, proxied, static or error alike: registered on response start so that
/// nothing later in the pipeline (an exception handler, a proxied service) can drop them.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    private static readonly Func<object, Task> Apply = state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers.Remove(HeaderNames.Server);
        if (context.Request.IsHttps)
        {
            headers[HeaderNames.StrictTransportSecurity] = "max-age=31536000; includeSubDomains";
        }

        // API answers (errors included) are per person and per moment: never stored by a browser or a proxy,
        // unless a route says otherwise; sign-in answers always no-store.
        if (context.Request.Path.StartsWithSegments("/api/auth")
            || (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey(HeaderNames.CacheControl)))
        {
            headers[HeaderNames.CacheControl] = "no-store";
        }

        return Task.CompletedTask;
    };

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(Apply, context);
        return next(context);
    }
}
