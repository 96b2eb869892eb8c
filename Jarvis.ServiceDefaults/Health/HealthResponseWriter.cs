using System.Text.Json;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jarvis.ServiceDefaults.Health;

/// <summary>
/// Anonymous callers learn the overall status only; a caller with an internal token of the
/// admin or service role also gets each check's status, duration and description.
/// </summary>
public static class HealthResponseWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var user = context.User;
        var mayReadDetails = user.Identity?.IsAuthenticated == true
            && (user.IsInRole(InternalRoles.Admin) || user.IsInRole(InternalRoles.Service));

        object body = mayReadDetails
            ? new
            {
                status = report.Status.ToString(),
                totalDurationMs = report.TotalDuration.TotalMilliseconds,
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new
                    {
                        status = e.Value.Status.ToString(),
                        durationMs = e.Value.Duration.TotalMilliseconds,
                        description = e.Value.Description ?? e.Value.Exception?.Message,
                    }),
            }
            : new { status = report.Status.ToString() };

        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
