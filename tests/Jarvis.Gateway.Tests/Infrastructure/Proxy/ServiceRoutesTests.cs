using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Jarvis.Gateway.Tests.Infrastructure.Proxy;

[Collection(GatewayCollection.Name)]
public sealed class ServiceRoutesTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/api/devices/lamp")]
    [InlineData("/api/automations/rule-1/runs")]
    public async Task Devices_and_automations_go_to_the_automation_service_unchanged(string path)
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var echoed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(path, echoed.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_devices_event_stream_passes_through_unbuffered_and_resumes_after_the_last_event_id()
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/events");
        request.Headers.Add("Last-Event-ID", "41");
        using var response = await browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);

        // The service holds the stream open for minutes: the event arrives now only if nothing buffers it.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var lines = new List<string>();
        while (lines.Count < 2)
        {
            var line = await reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length > 0 && !line.StartsWith(':'))
            {
                lines.Add(line);
            }
        }

        Assert.Equal(["id: 42", "data: after 41"], lines);
    }

    [Theory]
    [InlineData("/api/plugins/list")]
    [InlineData("/api/monitor/status")]
    public async Task A_route_whose_service_has_no_replica_answers_503_problem_details(string path)
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync(path);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task An_unknown_api_path_is_404_problem_details()
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync("/api/nothing-here");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stopped_service_answers_503_quickly_and_comes_back_when_it_does()
    {
        var browser = await fixture.SharedAdminAsync();
        await fixture.App.StopResourceAsync("automation");
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await browser.GetAsync("/api/devices/lamp");
            clock.Stop();
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            // Well inside the route's 15 s timeout: a refused connection is not waited out.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        }
        finally
        {
            await fixture.App.StartResourceAsync("automation");
            await fixture.App.WaitForHealthyAsync("automation", TimeSpan.FromSeconds(30));
        }

        // Passive health may have put the destination aside for its reactivation period (10 s).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        HttpStatusCode status;
        do
        {
            using var again = await browser.GetAsync("/api/devices/lamp");
            status = again.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(500);
            }
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
