using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.ServiceDefaults.Validation;

/// <summary>
/// A request the framework could not bind (malformed JSON, a body over the limit) is the client's error:
/// its own status as problem details, never a 500. A JSON text the reader refused at a known place
/// (for instance an unpaired surrogate escape, <c>"\ud800"</c>) is a validation problem naming that field.
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.Clear();
        httpContext.Response.StatusCode = bad.StatusCode;
        if (JsonField(bad) is { } field)
        {
            var problems = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = [$"{field} is not text that can be read or stored (malformed JSON, an unpaired surrogate escape or a wrong type)."],
                }) { Status = bad.StatusCode },
            });
            return true;
        }

        await ProblemResponse.WriteAsync(httpContext, bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), bad.Message);
        return true;
    }

    /// <summary>The body field a JSON error happened in (<c>$.title</c> → <c>title</c>), or null at the root.</summary>
    public static string? JsonField(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
            {
                return path[2..];
            }
        }

        return null;
    }
}
