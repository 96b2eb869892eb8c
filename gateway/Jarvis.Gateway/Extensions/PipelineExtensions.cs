using Jarvis.ServiceDefaults;
using Jarvis.Gateway.Infrastructure.Security;
using Jarvis.Gateway.Infrastructure.Web;

namespace Jarvis.Gateway.Extensions;

/// <summary>The gateway's middleware, in the order that makes each defence hold.</summary>
public static class PipelineExtensions
{
    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so that every response carries the headers, errors and static files included.
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestHeadLimit>();
        app.UseMiddleware<HostGuard>();
        app.UseMiddleware<PathTraversalGuard>();
        app.UseStaticFiles(app.Services.GetRequiredService<WebRoot>().StaticFileOptions());
        app.Use(MissingFile);

        app.UseAuthentication();
        // Before authorization, so that a flood without a session is limited too, not just answered 401.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<CsrfGuard>();
        app.UseMiddleware<BodySizeLimit>();
        app.UseRequestTimeouts();
        return app;
    }

    /// <summary>Any other path is the single-page app's own route: it gets index.html.</summary>
    public static WebApplication MapWebRoot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapFallbackToFile("index.html", app.Services.GetRequiredService<WebRoot>().StaticFileOptions()).AllowAnonymous();
        return app;
    }

    // A file name that is not there is a plain 404, not the app and not a demand to sign in.
    private static Task MissingFile(HttpContext context, RequestDelegate next) =>
        context.GetEndpoint() is null && !context.Request.Path.StartsWithSegments("/api") && Path.HasExtension(context.Request.Path.Value)
            ? ProblemResponse.WriteAsync(context, StatusCodes.Status404NotFound, "Not found")
            : next(context);
}
