using Jarvis.Gateway.Options;
using Jarvis.ServiceDefaults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Infrastructure.Security;

/// <summary>
/// The configured limits on the request head: a target over <c>MaxRequestTargetLength</c> is 414, headers over
/// <c>MaxRequestHeadersTotalSize</c> are 431, both as problem details with the security headers. Kestrel would
/// answer these itself with an empty body, so its own limits are set higher (<see cref="RequestLimitOptions.HardLimitFactor"/>).
/// </summary>
public sealed class RequestHeadLimit(RequestDelegate next, IOptions<RequestLimitOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limits = options.Value;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > limits.MaxRequestTargetLength)
        {
            return ProblemResponse.WriteAsync(context, StatusCodes.Status414UriTooLong, "URI too long",
                $"The path and query may be at most {limits.MaxRequestTargetLength} characters.");
        }

        // As Kestrel counts: each "name: value\r\n" line.
        long total = 0;
        foreach (var (name, values) in context.Request.Headers)
        {
            foreach (var value in values)
            {
                total += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return total > limits.MaxRequestHeadersTotalSize
            ? ProblemResponse.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers may be at most {limits.MaxRequestHeadersTotalSize} bytes in all.")
            : next(context);
    }
}
