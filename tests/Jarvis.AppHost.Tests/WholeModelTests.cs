using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Services;
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
        var names = jarvis.App.Model.Resources.Where(StartReport.IsJarvisResource).Select(r => r.Name).Order().ToArray();
        Assert.Equal(["automation", "chat", "gateway", "jarvisdb", "monitor", "mqtt", "plugins", "postgres", "prometheus", "redis"], names);
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
        using var http = new HttpClient { BaseAddress = MetricsAddress(service) };
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
        var management = MetricsAddress("gateway");
        Assert.NotEqual(jarvis.App.GetEndpoint("gateway").Port, management.Port);

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
        Assert.Equal(jarvis.App.GetEndpoint("chat"), MetricsAddress("chat"));
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
    public async Task Prometheus_scrapes_every_replica_of_every_service()
    {
        using var http = new HttpClient { BaseAddress = jarvis.App.GetEndpoint("prometheus") };
        var deadline = Stopwatch.StartNew();
        Dictionary<string, (int Up, int Total)> jobs = [];
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/targets", UriKind.Relative)));
            jobs = doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
                .GroupBy(t => t.GetProperty("labels").GetProperty("job").GetString()!)
                .ToDictionary(g => g.Key, g => (g.Count(t => t.GetProperty("health").GetString() == "up"), g.Count()));
            if (Services.All(s => jobs.TryGetValue(s, out var j) && j.Up == j.Total) && jobs.GetValueOrDefault("automation").Up == 2)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.All(Services, s => Assert.True(jobs.TryGetValue(s, out var j) && j.Up == j.Total, $"{s}: {jobs.GetValueOrDefault(s)}"));
        Assert.Equal((2, 2), jobs["automation"]);
    }

    [Fact]
    public async Task Ports_json_names_every_resource_and_each_replica()
    {
        var ports = JsonSerializer.Deserialize<Dictionary<string, int>>(await File.ReadAllTextAsync(Path.Combine(jarvis.App.StateDirectory, "ports.json")))!;
        foreach (var name in new[] { "postgres", "mqtt", "redis", "prometheus", "chat", "chat-0", "plugins", "plugins-grpc", "monitor", "gateway", "gateway-0", "gateway-management", "automation-0", "automation-1" })
        {
            Assert.True(ports.ContainsKey(name), $"ports.json lacks {name}: {string.Join(", ", ports.Keys)}");
        }

        Assert.Equal(jarvis.App.GetEndpoint("chat").Port, ports["chat"]);
        Assert.NotEqual(ports["automation-0"], ports["automation-1"]);
        foreach (var replica in new[] { "automation-0", "automation-1" })
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[replica].ToString(CultureInfo.InvariantCulture)}") };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Secret_files_are_private_and_no_secret_value_is_in_any_process_environment()
    {
        var secrets = jarvis.App.Secrets.Directory;
        var files = Directory.GetFiles(secrets, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
        Assert.All(Directory.GetDirectories(secrets, "*", SearchOption.AllDirectories).Append(secrets),
            d => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(d)));

        var values = Directory.GetFiles(secrets).Select(f => File.ReadAllText(f).Trim()).Where(v => v.Length >= 16).ToList();
        Assert.True(values.Count >= 4, "expected the generated secrets (passwords, signing key)");
        var checkedProcesses = 0;
        foreach (var resource in jarvis.App.Model.Resources.Where(StartReport.IsJarvisResource).Where(r => r is ProjectResource or ExecutableResource))
        {
            for (var replica = 0; replica < (resource.Name == "automation" ? 2 : 1); replica++)
            {
                var pid = jarvis.App.ProcessId(resource.Name, replica);
                foreach (var process in ProcessTree.Children(pid).Prepend(pid))
                {
                    var environment = await File.ReadAllTextAsync($"/proc/{process}/environ");
                    if (resource is ProjectResource)
                    {
                        Assert.Contains("JARVIS_SECRETS_DIR=", environment, StringComparison.Ordinal);
                    }

                    Assert.All(values, v => Assert.DoesNotContain(v, environment, StringComparison.Ordinal));
                    checkedProcesses++;
                }
            }
        }

        Assert.True(checkedProcesses >= 10, $"only {checkedProcesses} processes checked");
    }

    [Fact]
    public async Task Services_get_Aspire_environment_with_connection_strings_whose_passwords_are_files()
    {
        var env = await EnvironmentOf("gateway");

        Assert.Equal("gateway", env["OTEL_SERVICE_NAME"]);
        Assert.Equal(MetricsAddress("gateway").Port.ToString(CultureInfo.InvariantCulture), env[ServiceBuilderExtensions.ManagementPortVariable]);
        Assert.Equal(jarvis.App.GetEndpoint("chat").Port, new Uri(env["services__chat__http__0"]).Port);
        Assert.DoesNotContain("password", env["ConnectionStrings__redis"], StringComparison.OrdinalIgnoreCase);
        var secretsDir = env["JARVIS_SECRETS_DIR"];
        Assert.Contains("password=", await File.ReadAllTextAsync(Path.Combine(secretsDir, "ConnectionStrings__redis")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(secretsDir, "ConnectionStrings__jarvisdb")), "the gateway does not reference the database");
    }

    [Fact]
    public async Task The_plugin_service_grpc_endpoint_reaches_a_service_that_references_it()
    {
        var env = await EnvironmentOf("chat");
        var address = new Uri(env["services__plugins__grpc__0"]);
        Assert.Equal(jarvis.App.GetEndpoint("plugins", "grpc").Port, address.Port);

        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(address);
        var client = new Jarvis.Plugins.Grpc.Plugins.PluginsClient(channel);
        var headers = new Grpc.Core.Metadata { { "Authorization", "Bearer " + jarvis.Minter.Mint(InternalPrincipal.ForService("chat")) } };
        var reply = await client.ListPluginsAsync(new Jarvis.Plugins.Grpc.ListPluginsRequest(), headers);

        Assert.Contains(reply.Plugins, p => p.Id == "dice");
    }

    [Fact]
    public async Task The_automation_service_grpc_endpoint_reaches_the_plugin_service_that_references_it()
    {
        var env = await EnvironmentOf("plugins");
        var address = new Uri(env["services__automation__grpc__0"]);
        Assert.Equal(jarvis.App.GetEndpoint("automation", "grpc").Port, address.Port);

        // Through Aspire's proxy to one of the two replicas, as the plugins service calls it.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(address);
        var client = new Jarvis.Automation.Grpc.MqttPublishing.MqttPublishingClient(channel);
        var headers = new Grpc.Core.Metadata { { "Authorization", "Bearer " + jarvis.Minter.Mint(InternalPrincipal.ForService("plugins")) } };
        var reply = await client.PublishAsync(new Jarvis.Automation.Grpc.PublishRequest
        {
            Topic = "jarvis/tests/apphost",
            Payload = Google.Protobuf.ByteString.CopyFromUtf8("reached"),
        }, headers);

        Assert.Equal("queued", reply.Status);
    }

    [Fact]
    public async Task A_service_killed_with_SIGKILL_is_restarted_and_healthy_again()
    {
        var before = jarvis.App.ProcessId("monitor");
        var restarts = jarvis.App.Restarts("monitor");
        var killedAt = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        jarvis.App.KillResource("monitor");

        // A deadline for a slow, busy machine; how fast it is back is the recovery benchmark's figure.
        await jarvis.App.WaitForHealthyAsync("monitor", JarvisTestApp.StartTimeout, killedAt);
        using var http = jarvis.CreateHttpClient("monitor");
        while ((await TryGetStatus(http)) != HttpStatusCode.OK)
        {
            Assert.True(watch.Elapsed < JarvisTestApp.StartTimeout, "monitor never answered again");
            await Task.Delay(50);
        }

        // How fast it is back is measured by the recovery benchmark (docs/benchmarks.md), not here.
        Assert.Equal(restarts + 1, jarvis.App.Restarts("monitor"));
        Assert.NotEqual(before, jarvis.App.ProcessId("monitor"));
        Assert.False(Directory.Exists($"/proc/{before}"), "the killed process is gone");
    }

    public static TheoryData<string> ServiceNames() => new(Services);

    private static async Task<HttpStatusCode?> TryGetStatus(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private Uri MetricsAddress(string service) =>
        jarvis.App.Resource(service).Annotations.OfType<EndpointAnnotation>().Any(e => e.Name == ServiceBuilderExtensions.ManagementEndpointName)
            ? jarvis.App.GetEndpoint(service, ServiceBuilderExtensions.ManagementEndpointName)
            : jarvis.App.GetEndpoint(service);

    private async Task<Dictionary<string, string>> EnvironmentOf(string service)
    {
        var raw = await File.ReadAllTextAsync($"/proc/{jarvis.App.ProcessId(service)}/environ");
        return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).GroupBy(e => e[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
    }
}
