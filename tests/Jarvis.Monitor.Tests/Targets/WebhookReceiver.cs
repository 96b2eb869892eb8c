using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Jarvis.Monitor.Tests.Targets;

/// <summary>A real HTTP listener receiving webhooks: it fails the first <c>failures</c> requests with 500, then accepts.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly Task _loop;
    private int _failuresLeft;

    public WebhookReceiver(int failures)
    {
        _failuresLeft = failures;
        var port = HttpTargetProcess.FreePort();
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/hook/");
        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var accepted = Interlocked.Decrement(ref _failuresLeft) < 0;
            _received.Enqueue(new ReceivedWebhook(body, context.Request.Headers["X-Jarvis-Signature"], accepted));
            context.Response.StatusCode = accepted ? 204 : 500;
            context.Response.Close();
        }
    }
}
