namespace Jarvis.Automation.Tests.DevicesApi;

/// <summary>A server-sent event stream read line by line: <see cref="NextAsync"/> returns the next event that matches.</summary>
internal sealed class ServerSentEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ServerSentEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<ServerSentEvents> OpenAsync(HttpClient http, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/events");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new ServerSentEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public async Task<(string Id, string Event, string Data)> NextAsync(Func<(string Id, string Event, string Data), bool> wanted)
    {
        using var deadline = new CancellationTokenSource(DeviceHarness.Deadline);
        string id = "", kind = "", data = "";
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("the event stream ended");
            if (line.Length == 0)
            {
                if (data.Length > 0 && wanted((id, kind, data)))
                {
                    return (id, kind, data);
                }

                (id, kind, data) = ("", "", "");
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
