using System.Net;
using System.Net.Http.Json;

namespace Jarvis.Gateway.Tests.Infrastructure.Security;

/// <summary>
/// Only the gateway's own origins count: a forged Host is refused (400 problem details), so an Origin that merely
/// matches it proves nothing; localhost and 127.0.0.1 on the listening port are the same gateway.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class HostGuardTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("/api/auth/me")]
    [InlineData("/")]
    [InlineData("/health")]
    public async Task A_request_for_an_unknown_host_is_400_problem_details_with_the_security_headers(string path)
    {
        using var browser = fixture.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        SecurityHeadersAssert.Has(response);
    }

    [Theory]
    [InlineData("localhost:1", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task The_management_port_answers_health_under_a_loopback_name_on_any_port_as_the_orchestrator_s_proxy_sends_it(string host, HttpStatusCode expected)
    {
        // Two gateway replicas: the orchestrator reaches each one's management port through its proxy,
        // with the proxy's port in Host; a rebound name is still refused.
        var management = fixture.App.GetEndpoint("gateway", Jarvis.AppHost.Services.ServiceBuilderExtensions.ManagementEndpointName);
        using var client = new HttpClient { BaseAddress = management };
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_host_with_a_matching_origin_cannot_log_in()
    {
        using var browser = fixture.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = fixture.AdminPassword }),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(browser.Cookie);
    }

    [Fact]
    public async Task A_forged_host_on_the_gateway_s_port_with_a_matching_origin_cannot_post_with_a_session()
    {
        var admin = await fixture.SharedAdminAsync();
        var port = fixture.Gateway().Port;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/lamp") { Content = JsonContent.Create(new { on = true }) };
        request.Headers.Add("X-CSRF-Token", admin.CsrfToken);
        request.Headers.Host = $"evil.example:{port}";
        request.Headers.Add("Origin", $"http://evil.example:{port}");
        using var response = await admin.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Localhost_on_the_listening_port_is_the_gateway_s_own_origin()
    {
        using var browser = fixture.NewBrowser();
        var port = fixture.Gateway().Port;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = fixture.AdminPassword }),
        };
        request.Headers.Host = $"localhost:{port}";
        request.Headers.Add("Origin", $"http://localhost:{port}");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_gateway_s_address_on_another_port_is_a_foreign_origin()
    {
        using var browser = fixture.NewBrowser();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { username = "admin", password = fixture.AdminPassword }),
        };
        request.Headers.Add("Origin", $"http://127.0.0.1:{fixture.Gateway().Port + 1}");
        using var response = await browser.SendAsync(request);
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
