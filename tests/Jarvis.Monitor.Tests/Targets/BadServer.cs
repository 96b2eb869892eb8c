using System.Globalization;
using System.Net;
using System.Text;

namespace Jarvis.Monitor.Tests.Targets;

/// <summary>
/// A real HTTP listener with the targets a check must survive: <c>/slow</c> answers after 10 s, <c>/huge</c> streams
/// without end, <c>/loop</c> redirects to itself, <c>/json</c> answers <c>{"status":"degraded"}</c>.
/// </summary>
public sealed class BadServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Uri _root;
    private readonly CancellationTokenSource _stop = new();
    private long _hugeBytes;

    public BadServer()
    {
        _root = new Uri($"http://127.0.0.1:{HttpTargetProcess.FreePort().ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(_root.AbsoluteUri);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public long HugeBytesSent => Interlocked.Read(ref _hugeBytes);

    public Uri Url(string path) => new(_root, path);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        _stop.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (context.Request.Url!.AbsolutePath)
            {
                case "/slow":
                    await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                    response.StatusCode = 200;
                    break;
                case "/loop":
                    response.StatusCode = 302;
                    response.RedirectLocation = "/loop";
                    break;
                case "/json":
                    response.ContentType = "application/json";
                    await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("""{"status":"degraded"}"""), _stop.Token);
                    break;
                case "/huge":
                    response.SendChunked = true;
                    var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
                    while (!_stop.IsCancellationRequested)
                    {
                        await response.OutputStream.WriteAsync(chunk, _stop.Token);
                        Interlocked.Add(ref _hugeBytes, chunk.Length);
                    }

                    break;
            }

            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The monitor gave up on it, or the server stopped.
            response.Abort();
        }
    }
}
