using System.Net;
using System.Text.Json.Nodes;

namespace Jarvis.Gateway.Tests.Infrastructure.Proxy;

[Collection(GatewayCollection.Name)]
public sealed class RouteReloadTests(GatewayFixture fixture)
{
    [Fact]
    public async Task A_route_added_to_the_configuration_file_is_served_without_a_restart()
    {
        var pid = fixture.App.ProcessId("gateway-tls");
        var signedIn = await fixture.SharedAdminAsync();
        // The key ring and the sessions are shared, so the main gateway's session works on this one too.
        using var browser = new Browser(fixture.App.GetEndpoint("gateway-tls")) { Cookie = signedIn.Cookie, CsrfToken = signedIn.CsrfToken };
        using (var before = await browser.GetAsync("/api/rooms/kitchen"))
        {
            await ProblemAssert.IsProblemAsync(before, HttpStatusCode.NotFound);
        }

        var original = await File.ReadAllTextAsync(fixture.TlsGatewaySettingsPath);
        try
        {
            var settings = JsonNode.Parse(original)!;
            settings["ReverseProxy"]!["Routes"]!["rooms"] = JsonNode.Parse("""
                { "ClusterId": "automation", "Match": { "Path": "/api/rooms/{**rest}" }, "Metadata": { "MaxRequestBodySize": "1024" } }
                """);
            await File.WriteAllTextAsync(fixture.TlsGatewaySettingsPath, settings.ToJsonString());

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            HttpStatusCode status;
            string body;
            do
            {
                await Task.Delay(250);
                using var after = await browser.GetAsync("/api/rooms/kitchen");
                status = after.StatusCode;
                body = await after.Content.ReadAsStringAsync();
            }
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("\"path\":\"/api/rooms/kitchen\"", body, StringComparison.Ordinal);
            Assert.Equal(pid, fixture.App.ProcessId("gateway-tls"));
        }
        finally
        {
            await File.WriteAllTextAsync(fixture.TlsGatewaySettingsPath, original);
        }
    }
}
