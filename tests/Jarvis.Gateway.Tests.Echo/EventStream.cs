using System.Globalization;

namespace Jarvis.Gateway.Tests.Echo;

/// <summary>
/// Server-Sent Events as the devices feed sends them: one event at once, naming the <c>Last-Event-ID</c> it
/// resumed after, then the stream stays open. Through a buffering proxy the event would arrive only when
/// the stream ends, so a test that reads it while the stream is open proves the gateway passes it on unbuffered.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan HeldOpen = TimeSpan.FromMinutes(2);

    public static async Task WriteAsync(HttpContext context)
    {
        var last = context.Request.Headers["Last-Event-ID"].ToString();
        var next = long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id + 1 : 1;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(
            $"id: {next.ToString(CultureInfo.InvariantCulture)}\ndata: after {(last.Length == 0 ? "nothing" : last)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            // Holds the stream open as a live feed does; the client's disconnect ends it.
            await Task.Delay(HeldOpen, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
