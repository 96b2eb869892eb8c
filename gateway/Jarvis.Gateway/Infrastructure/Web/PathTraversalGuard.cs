using Jarvis.ServiceDefaults;
namespace Jarvis.Gateway.Infrastructure.Web;

/// <summary>
/// Refuses, before the static files see them, request targets that try to climb out of the web root
/// (dot segments, encoded dots or slashes, backslashes, NUL), whatever the normalisation would make of them.
/// </summary>
public sealed class PathTraversalGuard(RequestDelegate next)
{
    private static readonly string[] Refused = ["..", "%2e", "%2f", "%5c", "\\", "%00", "%25"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? target[..query] : target;
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            foreach (var pattern in Refused)
            {
                if (path.Contains(pattern, StringComparison.OrdinalIgnoreCase))
                {
                    return ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest,
                        "Path refused", "The path holds a dot segment or an encoded separator.");
                }
            }
        }

        return next(context);
    }
}
