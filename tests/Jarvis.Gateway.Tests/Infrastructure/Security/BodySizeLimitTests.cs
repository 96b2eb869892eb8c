using System.Net.Http.Json;
using System.Net;
using System.Net.Http.Headers;

namespace Jarvis.Gateway.Tests.Infrastructure.Security;

[Collection(GatewayCollection.Name)]
public sealed class BodySizeLimitTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/api/chat/conversations", 64 * 1024 + 1)]
    [InlineData("/api/devices/lamp", 64 * 1024 + 1)]
    [InlineData("/api/auth/login", 4096 + 1)]
    [InlineData("/api/plugins/reload", 1024 * 1024 + 1)]
    public async Task A_body_over_the_route_s_limit_is_413_problem_details(string path, int bytes)
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(bytes) };
        request.Headers.Add("X-CSRF-Token", browser.CsrfToken);
        // As curl does for large bodies: the refusal arrives before the upload, instead of racing it.
        request.Headers.ExpectContinue = true;
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_cut_off_with_413()
    {
        var browser = await fixture.SharedAdminAsync();
        var content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/lamp") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-CSRF-Token", browser.CsrfToken);
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_body_within_the_limit_reaches_the_service_whole()
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/lamp") { Content = Json(60 * 1024) };
        request.Headers.Add("X-CSRF-Token", browser.CsrfToken);
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(60 * 1024, echoed.GetProperty("bodyBytes").GetInt64());
    }

    private static ByteArrayContent Json(int bytes)
    {
        var body = new byte[bytes];
        Array.Fill(body, (byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
