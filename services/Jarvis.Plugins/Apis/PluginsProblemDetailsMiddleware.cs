using System.Globalization;
using System.Text.Json;
using Jarvis.ServiceDefaults.Integrations;
using Microsoft.AspNetCore.Mvc;

namespace Jarvis.Plugins.Apis;

/// <summary>
/// JSON transcoding answers a failed REST call with a google.rpc.Status body; this rewrites it
/// as RFC 7807 problem details, with the plugin's <c>code</c> when the handler gave one.
/// </summary>
internal sealed class PluginsProblemDetailsMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var problem = context.Items[PluginProblems.ItemKey] as PluginProblem;
        var alreadyProblem = context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true;
        if (context.Response.StatusCode < 400 || (problem is null && (buffer.Length == 0 || alreadyProblem)))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return;
        }

        problem ??= FromStatusBody(context.Response.StatusCode, buffer);
        var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Detail };
        if (problem.Code is not null)
        {
            details.Extensions["code"] = problem.Code;
        }

        context.Response.Clear();
        context.Response.StatusCode = problem.Status;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Only the database makes this service unavailable, and it is back in seconds or is being restarted.
            context.Response.Headers.RetryAfter = DatabaseFailures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    private static PluginProblem FromStatusBody(int status, MemoryStream buffer)
    {
        var detail = "the request failed";
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                detail = message.GetString()!;
            }
        }
        catch (JsonException)
        {
        }

        return new PluginProblem(status, status == StatusCodes.Status400BadRequest ? "Invalid request" : "Request failed", detail, null);
    }
}
