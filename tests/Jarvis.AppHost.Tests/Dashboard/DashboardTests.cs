using System.Net;
using System.Text.Json;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Dashboard;

[Collection(WholeJarvis.Name)]
public sealed class DashboardTests(JarvisAppFixture jarvis)
{
    [Fact]
    public async Task Without_the_token_the_dashboard_answers_401_problem_details()
    {
        var dashboard = await jarvis.App.StartDashboardAsync();
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        foreach (var path in new[] { "/", "/api/resources", "/api/resources/chat/logs", "/login?t=wrong" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_JSON_view_lists_every_resource_with_state_health_pid_endpoints_and_restarts()
    {
        var dashboard = await jarvis.App.StartDashboardAsync();
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.Token);
        var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/resources", UriKind.Relative)));
        var resources = doc.RootElement.GetProperty("resources").EnumerateArray().ToList();
        Assert.Equal(9, resources.Count);
        foreach (var resource in resources)
        {
            var replica = resource.GetProperty("replicas")[0];
            Assert.True(replica.GetProperty("pid").GetInt32() > 0);
            Assert.NotEmpty(replica.GetProperty("endpoints").EnumerateArray());
            Assert.True(resource.GetProperty("restarts").GetInt32() >= 0);
            Assert.Equal("Healthy", resource.GetProperty("health").GetString());
        }

        Assert.Equal(jarvis.App.GetEndpoint("gateway").ToString().TrimEnd('/'), doc.RootElement.GetProperty("application").GetString());
        Assert.StartsWith("http://127.0.0.1:", doc.RootElement.GetProperty("prometheus").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_link_sets_a_strict_httponly_cookie_that_reads_but_cannot_act_without_the_action_header()
    {
        var dashboard = await jarvis.App.StartDashboardAsync();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = dashboard.Url };

        using var login = await http.GetAsync(dashboard.LoginUrl);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(dashboard.Token, cookie, StringComparison.Ordinal);

        using var page = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<table id=\"resources\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forged = await http.PostAsync(new Uri("/api/resources/monitor/restart", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Restart_from_the_dashboard_brings_a_service_back_healthy_with_a_new_process()
    {
        var dashboard = await jarvis.App.StartDashboardAsync();
        using var http = new HttpClient { BaseAddress = dashboard.Url };
        http.DefaultRequestHeaders.Authorization = new("Bearer", dashboard.Token);
        var runner = jarvis.App.Runner("plugins");
        var before = runner.Replicas[0].ProcessId;

        using var response = await http.PostAsync(new Uri("/api/resources/plugins/restart", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await jarvis.App.Runner("plugins").Ready.WaitAsync(TimeSpan.FromSeconds(30));
        await jarvis.App.WaitForHealthyAsync("plugins", TimeSpan.FromSeconds(30));
        Assert.NotEqual(before, runner.Replicas[0].ProcessId);

        var logs = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/resources/plugins/logs", UriKind.Relative)));
        Assert.Contains(logs.RootElement.EnumerateArray(), l => l.GetProperty("text").GetString()!.StartsWith("stopped", StringComparison.Ordinal));

        using var unknown = await http.PostAsync(new Uri("/api/resources/plugins/explode", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
