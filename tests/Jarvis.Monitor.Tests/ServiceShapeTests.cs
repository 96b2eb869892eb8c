using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>The monitor's shape as a service: it runs, reports its dependencies, exposes metrics, and takes only internal tokens.</summary>
[Collection(MonitorCollection.Name)]
public sealed class ServiceShapeTests(PostgresFixture postgres, MosquittoFixture mqtt)
{
    private static readonly InternalPrincipal Admin = new(Guid.NewGuid().ToString(), "test-admin", InternalRoles.Admin);

    [Fact]
    public async Task Health_is_healthy_with_every_dependency_answering_and_names_them_to_an_admin()
    {
        await using var service = MonitorService.With(postgres.ConnectionString, mqtt.ConnectionString);
        using var http = service.CreateClient();

        using var anonymous = await http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await anonymous.Content.ReadAsStringAsync());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MonitorService.Token(Admin));
        using var detailed = await http.SendAsync(request);
        using var body = JsonDocument.Parse(await detailed.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        Assert.Equal(["mqtt", "postgres", "self"], checks.EnumerateObject().Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task With_its_dependencies_unreachable_it_still_starts_is_alive_and_not_ready()
    {
        var closed = ClosedPort();
        await using var service = MonitorService.With(
            $"Host=127.0.0.1;Port={closed};Username=jarvis;Timeout=2", $"mqtt://127.0.0.1:{closed}");
        using var http = service.CreateClient();

        using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_are_served_anonymously_in_prometheus_text_format()
    {
        await using var service = MonitorService.With(postgres.ConnectionString, mqtt.ConnectionString);
        using var http = service.CreateClient();
        (await http.GetAsync(new Uri("/alive", UriKind.Relative))).Dispose();

        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal("text/plain", metrics.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http_server_request_duration_seconds", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_internal_token_is_refused_with_a_problem_document()
    {
        await using var service = MonitorService.With(postgres.ConnectionString, mqtt.ConnectionString);
        using var http = service.CreateClient();

        using var refused = await http.GetAsync(new Uri("/api/monitor/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/monitor/status");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MonitorService.Token(Admin));
        using var accepted = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_served_anonymously()
    {
        await using var service = MonitorService.With(postgres.ConnectionString, mqtt.ConnectionString);
        using var http = service.CreateClient();

        using var document = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", json.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
