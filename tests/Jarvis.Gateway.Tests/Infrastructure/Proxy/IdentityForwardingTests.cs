using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Jarvis.Gateway.Tests.Infrastructure.Proxy;

[Collection(GatewayCollection.Name)]
public sealed class IdentityForwardingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task What_the_client_says_about_identity_never_reaches_a_service()
    {
        var browser = await fixture.SharedAdminAsync();
        var forged = fixture.Minter.Mint(new InternalPrincipal("00000000-0000-0000-0000-000000000000", "mallory", InternalRoles.Admin));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/lamp?state=on");
        request.Headers.Add("Authorization", "Bearer " + forged);
        request.Headers.Add("X-Jarvis-User", "root");
        request.Headers.Add("X-Jarvis-Role", "admin");
        request.Headers.Add("X-Forwarded-For", "6.6.6.6");
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Forwarded", "for=6.6.6.6;host=evil.example");
        request.Headers.Add("X-Real-IP", "6.6.6.6");
        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<JsonElement>();
        var headers = echoed.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

        Assert.Equal("/api/devices/lamp?state=on", echoed.GetProperty("path").GetString());
        Assert.DoesNotContain(headers.Keys, k => k.StartsWith("X-Jarvis-", StringComparison.OrdinalIgnoreCase));
        Assert.False(headers.ContainsKey("Cookie"), "the session cookie must not reach a service");
        Assert.False(headers.ContainsKey("Forwarded"));
        Assert.False(headers.ContainsKey("X-Real-IP"));
        Assert.False(headers.ContainsKey("X-CSRF-Token"));
        Assert.DoesNotContain("6.6.6.6", headers["X-Forwarded-For"], StringComparison.Ordinal);
        Assert.Equal(browser.From!.ToString(), headers["X-Forwarded-For"]);
        Assert.Equal("http", headers["X-Forwarded-Proto"]);
        Assert.DoesNotContain("evil", headers["X-Forwarded-Host"], StringComparison.Ordinal);

        // The gateway's own token, for the signed-in admin, which the service accepted.
        var token = headers["Authorization"]["Bearer ".Length..];
        Assert.NotEqual(forged, token);
        Assert.True(echoed.GetProperty("authenticated").GetBoolean());
        Assert.Equal(browser.UserId, echoed.GetProperty("subject").GetString());
        Assert.Equal(browser.Username, echoed.GetProperty("name").GetString());
        Assert.Equal(InternalRoles.Admin, echoed.GetProperty("role").GetString());

        var jwt = new JsonWebToken(token);
        Assert.Equal(InternalAuthOptions.Audience, jwt.Audiences.Single());
        Assert.True(jwt.ValidTo - jwt.ValidFrom <= InternalAuthOptions.MaxLifetime, "an internal token lives at most 5 minutes");
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, InternalTokenValidation.Parameters(
            () => fixture.App.Secrets.GetOrCreate("Jarvis__InternalAuth__SigningKey", 64, base64: true), TimeSpan.FromSeconds(5)));
        Assert.True(validation.IsValid, validation.Exception?.Message);
    }

    [Fact]
    public async Task A_service_cannot_set_cookies_on_the_public_origin()
    {
        var browser = await fixture.SharedAdminAsync();
        using var response = await browser.GetAsync("/api/devices/lamp");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"), "the echo service sets echo=1; the gateway must drop it");
    }
}
