using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>
/// Authenticated <c>GET /api/chat/conversations</c> through the gateway (cookie) against the same request
/// straight to the chat service (a minted token), with wrk on loopback, alternating in one run.
/// </summary>
internal static class GatewayBenchmarks
{
    private const string Path = "/api/chat/conversations?limit=20";

    public static async Task RunAsync(int seconds, int connections)
    {
        await using var app = await JarvisTestApp.StartAsync(builder =>
        {
            var (_, redis, chat) = ChatModel.Add(builder);
            chat.WithEnvironment("Logging__LogLevel__Default", "Warning");
            builder.AddGateway(redis)
                .WithReference(chat)
                .WithEnvironment("Logging__LogLevel__Default", "Warning")
                // The general budget stays on (its cost is measured) but high enough not to refuse wrk.
                .WithEnvironment("Gateway__RateLimits__PerUser__PermitLimit", int.MaxValue.ToString(CultureInfo.InvariantCulture))
                .WaitFor(chat);
        });
        var gateway = app.GetEndpoint("gateway");
        var direct = app.GetEndpoint("chat");
        var (cookie, userId) = await SignInAndSeedAsync(gateway, app.Secrets.GetOrCreate(JarvisContext.AdminPasswordSecret, 18));
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        var token = minter.Mint(new InternalPrincipal(userId, "admin", InternalRoles.Admin), InternalAuthOptions.MaxLifetime);

        string[] viaGateway = ["-H", $"Cookie: __Host-jarvis={cookie}", new Uri(gateway, Path).ToString()];
        string[] viaDirect = ["-H", $"Authorization: Bearer {token}", new Uri(direct, Path).ToString()];

        if (Pinned)
        {
            await PinAsync(app);
        }

        var warmUp = (int)BenchmarkSettings.WarmUp.TotalSeconds;
        Console.WriteLine($"warm-up ({warmUp} s each)…");
        await WrkAsync(viaDirect, warmUp, connections);
        await WrkAsync(viaGateway, warmUp, connections);
        Console.Error.WriteLine("measure");

        var results = new List<(string Name, int Connections, WrkResult Result)>();
        foreach (var c in new[] { 1, connections })
        {
            for (var round = 0; round < 2; round++)
            {
                results.Add(("direct", c, await WrkAsync(viaDirect, seconds, c)));
                results.Add(("gateway", c, await WrkAsync(viaGateway, seconds, c)));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| path | connections | requests/s | p50 | p99 | non-2xx |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, c, r) in results)
        {
            Console.WriteLine(FormattableString.Invariant($"| {name} | {c} | {r.RequestsPerSecond:F0} | {r.P50Ms:F3} ms | {r.P99Ms:F3} ms | {r.Non2xx} |"));
        }

        Console.WriteLine();
        foreach (var c in new[] { 1, connections })
        {
            var d = results.Where(r => r.Name == "direct" && r.Connections == c).Select(r => r.Result).ToList();
            var g = results.Where(r => r.Name == "gateway" && r.Connections == c).Select(r => r.Result).ToList();
            var ratio = g.Average(r => r.RequestsPerSecond) / d.Average(r => r.RequestsPerSecond);
            var added = g.Average(r => r.P50Ms) - d.Average(r => r.P50Ms);
            Console.WriteLine(FormattableString.Invariant($"{c} connection(s): gateway/direct throughput {ratio:F2} (goal >= 0.7), added p50 {added:F3} ms (goal <= 1 ms)"));
        }
    }

    private static async Task<(string Cookie, string UserId)> SignInAndSeedAsync(Uri gateway, string password)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = gateway };
        using var login = await http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { username = "admin", password });
        login.EnsureSuccessStatusCode();
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-jarvis=", StringComparison.Ordinal));
        cookie = cookie["__Host-jarvis=".Length..].Split(';')[0];
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var csrf = body.RootElement.GetProperty("csrfToken").GetString()!;
        var userId = body.RootElement.GetProperty("user").GetProperty("id").GetString()!;

        // Twenty conversations, so the list has a page's worth to read.
        for (var i = 0; i < 20; i++)
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/chat/conversations")
            {
                Content = JsonContent.Create(new { title = $"Benchmark conversation {i}" }),
            };
            create.Headers.Add("Cookie", $"__Host-jarvis={cookie}");
            create.Headers.Add("X-CSRF-Token", csrf);
            using var created = await http.SendAsync(create);
            created.EnsureSuccessStatusCode();
        }

        return (cookie, userId);
    }

    /// <summary>
    /// <c>JARVIS_BENCH_PIN=1</c>: the gateway and Redis get CPU 0 to themselves; chat, PostgreSQL and
    /// wrk share CPU 1 in both paths. It answers a different question from the default run: what the
    /// gateway costs the service when it has a core of its own (as a gateway replica on its own
    /// machine would), rather than how much of two shared cores it takes.
    /// </summary>
    private static readonly bool Pinned = Environment.GetEnvironmentVariable("JARVIS_BENCH_PIN") == "1";

    private static Task<WrkResult> WrkAsync(string[] target, int seconds, int connections) =>
        Wrk.RunAsync(target, seconds, connections, cpus: Pinned ? "1" : null);

    private static async Task PinAsync(JarvisTestApp app)
    {
        await TasksetAsync(app, "gateway", "0", withChildren: false);
        await TasksetAsync(app, "redis", "0", withChildren: false);
        await TasksetAsync(app, "chat", "1", withChildren: false);
        // the postmaster and every backend it forked (new backends inherit the affinity)
        await TasksetAsync(app, "postgres", "1", withChildren: true);
    }

    private static async Task TasksetAsync(JarvisTestApp app, string resource, string cpus, bool withChildren)
    {
        // A service's application process (the child of `dotnet run`), an infrastructure resource's own process.
        var pid = ServiceProcesses.App(app, resource);
        var pids = new List<int> { pid };
        for (var i = 0; withChildren && i < pids.Count; i++)
        {
            var children = $"/proc/{pids[i]}/task/{pids[i]}/children";
            if (File.Exists(children))
            {
                pids.AddRange((await File.ReadAllTextAsync(children))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)));
            }
        }

        foreach (var p in pids)
        {
            using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, p.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
            await taskset.WaitForExitAsync();
        }

        Console.WriteLine($"pinned {resource} ({pids.Count} process(es)) to CPU {cpus}");
    }
}
