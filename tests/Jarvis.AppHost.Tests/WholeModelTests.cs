using Jarvis.AppHost.Hosting;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Jarvis.AppHost.Resources;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests;

[Collection(WholeJarvis.Name)]
public sealed class WholeModelTests(JarvisAppFixture jarvis)
{
    private static readonly string[] Services = ["chat", "plugins", "automation", "monitor", "gateway"];

    [Fact]
    public void The_model_holds_every_resource_of_the_architecture()
    {
        var names = jarvis.App.Runners.Select(r => r.Resource.Name).Order().ToArray();
        Assert.Equal(["automation", "chat", "gateway", "monitor", "mqtt", "plugins", "postgres", "prometheus", "redis"], names);
        Assert.All(jarvis.App.Runners, r => Assert.Equal(HealthStatus.Healthy, r.Health));
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_service_answers_health_and_alive(string service)
    {
        using var http = jarvis.CreateHttpClient(service);
        foreach (var path in new[] { "/health", "/alive" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(ServiceNames))]
    public async Task Every_service_serves_prometheus_text_on_metrics(string service)
    {
        var project = (ProjectResource)jarvis.App.Runner(service).Resource;
        using var http = new HttpClient { BaseAddress = project.MetricsEndpoint(0).Url };
        using var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE ", text, StringComparison.Ordinal);
        Assert.Contains($"service_name=\"{service}\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_answers_metrics_only_on_its_loopback_management_port()
    {
        var gateway = (ProjectResource)jarvis.App.Runner("gateway").Resource;
        var management = gateway.MetricsEndpoint(0);
        Assert.Equal(ProjectResource.ManagementEndpointName, management.Name);
        Assert.NotEqual(gateway.PrimaryEndpoint().Port, management.Port);
        Assert.Equal("127.0.0.1", management.Host);

        using var http = jarvis.CreateHttpClient("gateway");
        using var publicPort = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Equal("application/problem+json", publicPort.Content.Headers.ContentType?.MediaType);

        // The Host header is the caller's to choose; the socket's local port is not.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{management.Port}";
        using var spoofedAnswer = await http.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.NotFound, spoofedAnswer.StatusCode);

        // Chat has no public port: its /metrics stays on its one loopback port.
        Assert.Equal(jarvis.App.Runner("chat").Resource.PrimaryEndpoint(), ((ProjectResource)jarvis.App.Runner("chat").Resource).MetricsEndpoint(0));
    }

    [Fact]
    public async Task Anonymous_callers_learn_the_status_and_service_callers_the_details()
    {
        using var anonymous = jarvis.CreateHttpClient("automation");
        var plain = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.False(plain.RootElement.TryGetProperty("checks", out _));

        using var service = jarvis.CreateHttpClient("automation", InternalPrincipal.ForService("monitor"));
        var detailed = JsonDocument.Parse(await service.GetStringAsync(new Uri("/health", UriKind.Relative)));
        var checks = detailed.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("mqtt").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());

        using var forged = jarvis.App.CreateHttpClient("automation");
        forged.DefaultRequestHeaders.Authorization = new("Bearer",
            new InternalTokenMinter(Convert.ToBase64String(new byte[64])).Mint(InternalPrincipal.ForService("monitor")));
        var refused = JsonDocument.Parse(await forged.GetStringAsync(new Uri("/health", UriKind.Relative)));
        Assert.False(refused.RootElement.TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task Prometheus_reports_every_service_target_up()
    {
        using var http = jarvis.App.CreateHttpClient("prometheus");
        var watch = Stopwatch.StartNew();
        Dictionary<string, string> health = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(40))
        {
            var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/targets", UriKind.Relative)));
            health = doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .GroupBy(t => t.GetProperty("labels").GetProperty("job").GetString()!)
                .ToDictionary(g => g.Key, g => g.All(t => t.GetProperty("health").GetString() == "up") ? "up" : "not up");
            if (Services.All(s => health.GetValueOrDefault(s) == "up"))
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.All(Services, s => Assert.Equal("up", health.GetValueOrDefault(s)));
    }

    [Fact]
    public async Task Secret_files_are_private_and_no_secret_value_is_in_any_child_environment()
    {
        var secrets = jarvis.App.Secrets.Directory;
        var files = Directory.GetFiles(secrets, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.All(Directory.GetDirectories(secrets, "*", SearchOption.AllDirectories).Append(secrets),
            d => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));

        var values = Directory.GetFiles(secrets).Select(f => File.ReadAllText(f).Trim()).Where(v => v.Length >= 16).ToList();
        Assert.True(values.Count >= 4, "expected the generated secrets (passwords, signing key)");
        var replicas = jarvis.App.Runners.SelectMany(r => r.Replicas.Select(p => (r.Resource, p.ProcessId))).ToList();
        Assert.All(replicas, r => Assert.NotNull(r.ProcessId));
        foreach (var (resource, pid) in replicas)
        {
            var environment = await File.ReadAllTextAsync($"/proc/{pid}/environ");
            if (resource is ProjectResource)
            {
                Assert.Contains("JARVIS_SECRETS_DIR=", environment, StringComparison.Ordinal);
            }

            Assert.All(values, v => Assert.DoesNotContain(v, environment, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Services_get_Aspire_environment_and_free_loopback_ports()
    {
        var gateway = jarvis.App.Runner("gateway");
        var raw = await File.ReadAllTextAsync($"/proc/{gateway.Replicas[0].ProcessId}/environ");
        var env = raw.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).GroupBy(e => e[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

        var management = ((ProjectResource)gateway.Resource).MetricsEndpoint(0);
        Assert.Equal($"{gateway.Resource.PrimaryEndpoint()};{management}", env["ASPNETCORE_URLS"]);
        Assert.StartsWith("http://127.0.0.1:", env["ASPNETCORE_URLS"], StringComparison.Ordinal);
        Assert.Equal(management.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), env["Jarvis__Management__Port"]);
        Assert.Equal("gateway", env["OTEL_SERVICE_NAME"]);
        Assert.Equal(jarvis.App.GetEndpoint("chat").ToString().TrimEnd('/'), env["services__chat__http__0"]);
        Assert.False(env.ContainsKey("ConnectionStrings__redis"), "a connection string with a password must not be in the environment");
        var secretsDir = env["JARVIS_SECRETS_DIR"];
        Assert.True(File.Exists(Path.Combine(secretsDir, "ConnectionStrings__redis")));
        Assert.False(File.Exists(Path.Combine(secretsDir, "ConnectionStrings__jarvisdb")), "the gateway does not reference the database");
    }

    [Fact]
    public async Task A_service_killed_with_SIGKILL_is_restarted_and_healthy_again()
    {
        var runner = jarvis.App.Runner("monitor");
        var before = runner.Replicas[0].ProcessId;
        var restarts = runner.Restarts;
        var watch = Stopwatch.StartNew();
        jarvis.App.KillResource("monitor");
        while (runner.Restarts == restarts || runner.Health != HealthStatus.Healthy)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"monitor not healthy again after {watch.Elapsed}");
            await Task.Delay(50);
        }

        Assert.Equal(restarts + 1, runner.Restarts);
        Assert.NotEqual(before, runner.Replicas[0].ProcessId);
        Assert.False(Directory.Exists($"/proc/{before}"), "the killed process is gone");
        using var http = jarvis.CreateHttpClient("monitor");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    public static TheoryData<string> ServiceNames() => new(Services);
}
