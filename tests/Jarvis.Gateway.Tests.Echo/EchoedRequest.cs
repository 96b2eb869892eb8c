namespace Jarvis.Gateway.Tests.Echo;

/// <summary>What reached the echo service: method, path, headers, body size, and who the internal token names.</summary>
public sealed record EchoedRequest(
    string Method,
    string Path,
    Dictionary<string, string> Headers,
    long BodyBytes,
    bool Authenticated,
    string? Subject,
    string? Name,
    string? Role)
{
    public static async Task<IResult> FromAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        long bytes = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var user = context.User;
        // The gateway must drop this on the way out: services do not set cookies on the public origin.
        context.Response.Headers.SetCookie = "echo=1; Path=/";
        return TypedResults.Ok(new EchoedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            headers,
            bytes,
            user.Identity?.IsAuthenticated == true,
            user.FindFirst("sub")?.Value,
            user.FindFirst("name")?.Value,
            user.FindFirst("role")?.Value));
    }
}
