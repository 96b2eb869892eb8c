using System.Net.Http.Json;

namespace Jarvis.Gateway.Tests.Infrastructure.Security;

[Collection(GatewayCollection.Name)]
public sealed class SecurityHeadersTests(GatewayFixture fixture)
{
    public static TheoryData<string, string, bool> Responses => new()
    {
        // method, path, signed in
        { "GET", "/", false },                              // index.html
        { "GET", "/assets/app-3f9a1c.js", false },          // a static asset
        { "GET", "/conversations/42", false },              // the SPA fallback
        { "GET", "/assets/missing.js", false },             // a 404
        { "GET", "/%2e%2e/etc/passwd", false },             // a refused path, 400
        { "GET", "/api/auth/me", false },                   // 401
        { "GET", "/api/auth/me", true },                    // the gateway's own API
        { "GET", "/api/devices/lamp", true },               // proxied
        { "POST", "/api/devices/lamp", true },              // 403 (no CSRF token)
        { "GET", "/api/plugins/list", true },               // 503: no plugins service
        { "GET", "/api/unknown", true },                    // 404 problem
        { "GET", "/health", false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_carries_the_security_headers(string method, string path, bool signedIn)
    {
        var browser = signedIn ? await fixture.SharedAdminAsync() : fixture.NewBrowser();
        using var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        SecurityHeadersAssert.Has(response);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS is for HTTPS only");
        if (!signedIn)
        {
            browser.Dispose();
        }
    }

    [Fact]
    public async Task A_too_large_body_and_a_rate_limited_request_carry_them_too()
    {
        using var browser = fixture.NewBrowser();
        using var tooLarge = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = new string('a', 10_000), password = "x" }),
        });
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        SecurityHeadersAssert.Has(tooLarge);

        using var sender = await fixture.SignInAsNewAdminAsync();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await sender.SendJsonAsync(HttpMethod.Post, $"/api/chat/conversations/{Guid.NewGuid()}/messages", new { content = "hi", clientId = Guid.NewGuid() });
            if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        SecurityHeadersAssert.Has(limited);
        limited.Dispose();
    }
}
