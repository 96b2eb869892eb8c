using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Jarvis.Gateway.Tests.Infrastructure.Security;

/// <summary>
/// How the gateway refuses: every /api answer is <c>no-store</c>, a service that is down says when to retry,
/// and oversized request heads are problem details with the security headers, not Kestrel's empty answers.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RefusalResponseTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/api/chat/conversations", HttpStatusCode.OK)]
    [InlineData("/api/auth/me", HttpStatusCode.OK)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/api/plugins/list", HttpStatusCode.ServiceUnavailable)]
    [InlineData("/api/chat/conversations/not-a-uuid", HttpStatusCode.BadRequest)]
    public async Task Every_api_answer_errors_included_is_cache_control_no_store(string path, HttpStatusCode status)
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"Cache-Control on {path}: {response.Headers.CacheControl}");

        using var anonymous = fixture.NewBrowser();
        using var refused = await anonymous.GetAsync(path);
        Assert.True(refused.Headers.CacheControl?.NoStore == true, $"Cache-Control on anonymous {path}: {refused.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_service_that_is_unavailable_is_503_with_retry_after()
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync("/api/monitor/status");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
    }

    [Fact]
    public async Task Oversized_headers_are_431_problem_details_with_the_security_headers()
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/lamp");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 20 * 1024));
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
        SecurityHeadersAssert.Has(response);
    }

    [Fact]
    public async Task An_overlong_uri_is_414_problem_details_with_the_security_headers()
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.GetAsync("/api/chat/search?q=" + new string('a', 10 * 1024));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        SecurityHeadersAssert.Has(response);
    }

    /// <summary>
    /// Kestrel refuses an encoded NUL in the path while it parses the request line, and writes that 400 itself
    /// (no body, no headers of ours) before any middleware runs: see docs/security.md. It must stay a 400.
    /// </summary>
    [Fact]
    public async Task A_nul_in_the_path_is_refused_with_400_by_kestrel()
    {
        var gateway = fixture.Gateway();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Host, gateway.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/chat/conversations%00 HTTP/1.1\r\nHost: {gateway.Authority}\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        Assert.StartsWith("HTTP/1.1 400", statusLine, StringComparison.Ordinal);
    }
}
