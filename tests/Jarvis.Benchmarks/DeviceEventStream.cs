using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Jarvis.Benchmarks;

/// <summary>
/// Reads <c>GET /api/devices/events</c> (server-sent events) from the automation service and, for every state that
/// is a number the benchmark published, hands it to <see cref="Received"/> with the time it was read.
/// </summary>
internal sealed class DeviceEventStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reader;

    private DeviceEventStream(Uri automation, string token, Action<long, long> received)
    {
        _http = new HttpClient { BaseAddress = automation, Timeout = Timeout.InfiniteTimeSpan };
        _reader = Task.Run(() => ReadAsync(token, received));
    }

    /// <summary>Opens the stream and completes once the service answered with its headers (it is subscribed then).</summary>
    public static async Task<DeviceEventStream> OpenAsync(Uri automation, string token, Action<long, long> received)
    {
        var stream = new DeviceEventStream(automation, token, received);
        await stream._open.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return stream;
    }

    /// <summary>Events read (every kind).</summary>
    public long Events { get; private set; }

    private async Task ReadAsync(string token, Action<long, long> received)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/events");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync(_stop.Token);
            using var reader = new StreamReader(body);
            _open.TrySetResult();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                Events++;
                using var json = JsonDocument.Parse(line.AsMemory(6));
                if (json.RootElement.TryGetProperty("state", out var state) && state.ValueKind == JsonValueKind.String
                    && long.TryParse(state.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    received(value, now);
                }
            }

            if (!_stop.IsCancellationRequested)
            {
                Console.Error.WriteLine("the event stream ended (the service ends a client that falls too far behind)");
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (!_open.TrySetException(ex))
            {
                Console.Error.WriteLine($"the event stream failed: {ex.Message}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reader;
        _http.Dispose();
        _stop.Dispose();
    }
}
