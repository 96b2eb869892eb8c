using System.Net;
using System.Net.Http.Json;

namespace Jarvis.Gateway.Tests.Infrastructure.Security;

[Collection(GatewayCollection.Name)]
public sealed class CsrfGuardTests(GatewayFixture fixture)
{
    public static TheoryData<string> UnsafeMethods => new() { "POST", "PUT", "PATCH", "DELETE" };

    [Theory]
    [MemberData(nameof(UnsafeMethods))]
    public async Task An_unsafe_request_without_the_csrf_token_is_403(string method)
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/devices/lamp")
        {
            Content = JsonContent.Create(new { on = true }),
        });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(UnsafeMethods))]
    public async Task An_unsafe_request_with_a_wrong_csrf_token_is_403(string method)
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/devices/lamp") { Content = JsonContent.Create(new { on = true }) };
        request.Headers.Add("X-CSRF-Token", browser.CsrfToken![..^2] + "xx");
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_session_s_csrf_token_is_403()
    {
        var browser = await fixture.SharedAdminAsync();
        using var other = await fixture.SignInAsNewAdminAsync();
        Assert.NotEqual(browser.CsrfToken, other.CsrfToken);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/lamp") { Content = JsonContent.Create(new { on = true }) };
        request.Headers.Add("X-CSRF-Token", other.CsrfToken);
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task A_foreign_origin_is_403_even_with_the_right_token(string origin)
    {
        var browser = await fixture.SharedAdminAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/lamp") { Content = JsonContent.Create(new { on = true }) };
        request.Headers.Add("X-CSRF-Token", browser.CsrfToken);
        request.Headers.Add("Origin", origin);
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_foreign_origin_cannot_log_in()
    {
        using var browser = fixture.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = fixture.AdminPassword }),
        };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Null(browser.Cookie);
    }

    [Theory]
    [MemberData(nameof(UnsafeMethods))]
    public async Task The_right_token_from_the_same_origin_goes_through(string method)
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.SendJsonAsync(new HttpMethod(method), "/api/devices/lamp", new { on = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Safe_methods_need_no_token()
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync("/api/devices/lamp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
