using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Jarvis.ServiceDefaults;

/// <summary>RFC 7807 answers written by middleware and handlers (auth, CSRF, limits, proxy errors), as endpoints write them.</summary>
public static class ProblemResponse
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
        if (!written)
        {
            await context.Response.WriteAsJsonAsync(
                new ProblemDetails { Status = status, Title = title, Detail = detail },
                options: null, contentType: "application/problem+json");
        }
    }
}
