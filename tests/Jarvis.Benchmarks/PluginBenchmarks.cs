using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jarvis.Benchmarks;

/// <summary>The plugin sandbox: in-process hook calls per second and latency; kill precision of a 50 ms budget.</summary>
internal static class PluginBenchmarks
{
    private const string EchoPlugin = "return { on_message = function(args) return { reply = 'you said ' .. args.text, length = #args.text, user = args.user } end }";

    public static async Task RunAsync(int rounds)
    {
        InProcess(Math.Max(1, rounds) * 100_000);
        KillPrecision(Math.Max(20, rounds * 10));
        await HostAsync(TimeSpan.FromSeconds(3));
        await PluginGrpcBenchmarks.RunAsync(10);
    }

    private static LuaSandbox Create(string source)
    {
        var manifest = new PluginManifest("bench", "1.0.0", "bench", "bench", [PluginHooks.OnMessage], [], 0, null, null, []);
        using var unused = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        var api = new PluginHostApi("bench", NullLogger.Instance, new PluginKvStore(unused, Options.Create(new PluginsOptions())), new UnusedMqttPublisher());
        var sandbox = new LuaSandbox(manifest, 32L * 1024 * 1024, api);
        var loaded = sandbox.Load(Encoding.UTF8.GetBytes(source), "bench/main.lua", TimeSpan.FromSeconds(5));
        return loaded.Ok ? sandbox : throw new InvalidOperationException(loaded.Message);
    }

    private static void InProcess(int calls)
    {
        using var sandbox = Create(EchoPlugin);
        var args = new JsonObject { ["text"] = "turn on the kitchen light", ["user"] = "alice" };
        var budget = TimeSpan.FromSeconds(5);
        for (var i = 0; i < 20_000; i++)
        {
            sandbox.Call(PluginHooks.OnMessage, args, budget);
        }

        var latencies = new long[calls];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = sandbox.Call(PluginHooks.OnMessage, args, budget);
            latencies[i] = Stopwatch.GetTimestamp() - start;
            if (!result.Ok)
            {
                throw new InvalidOperationException(result.Message);
            }
        }

        total.Stop();
        Array.Sort(latencies);
        Console.WriteLine($"plugins in-process on_message (JSON args -> Lua table -> JSON result), 1 thread: {calls / total.Elapsed.TotalSeconds:N0} calls/s; " +
                          $"p50 {Micro(latencies[calls / 2]):F2} µs, p99 {Micro(latencies[(int)(calls * 0.99)]):F2} µs, max {Micro(latencies[^1]):F1} µs");
    }

    /// <summary>Through the plugin host (runner thread, statistics, metrics) with 8 concurrent callers on one plugin.</summary>
    private static async Task HostAsync(TimeSpan duration)
    {
        var root = Path.Combine(Path.GetTempPath(), "jarvis-bench-host-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(root, "echo"));
        await File.WriteAllTextAsync(Path.Combine(root, "echo", "plugin.json"),
            """{ "id": "echo", "version": "1.0.0", "name": "echo", "description": "bench", "hooks": ["on_message"], "permissions": [] }""");
        await File.WriteAllTextAsync(Path.Combine(root, "echo", "main.lua"), EchoPlugin);
        using var unused = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        using var meters = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider();
        using var host = new PluginHost(Options.Create(new PluginsOptions { Directory = root }), new PluginKvStore(unused, Options.Create(new PluginsOptions())),
            new UnusedMqttPublisher(), new PluginMetrics(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(meters)),
            NullLogger<PluginHost>.Instance);
        await host.LoadAllAsync();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var count = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var args = new JsonObject { ["text"] = "turn on the kitchen light", ["user"] = "alice" };
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                await host.InvokeAsync("echo", PluginHooks.OnMessage, args);
                Interlocked.Increment(ref count);
            }
        })));
        Console.WriteLine($"plugins through PluginHost.InvokeAsync, 8 concurrent callers, one plugin: {count / watch.Elapsed.TotalSeconds:N0} calls/s");
        Directory.Delete(root, recursive: true);
    }

    private static void KillPrecision(int rounds)
    {
        var budget = TimeSpan.FromMilliseconds(50);
        var overshoot = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            using var sandbox = Create("return { on_message = function() while true do end end }");
            var watch = Stopwatch.StartNew();
            var result = sandbox.Call(PluginHooks.OnMessage, null, budget);
            watch.Stop();
            if (result.Error != PluginErrorCode.Timeout)
            {
                throw new InvalidOperationException($"expected a timeout, got {result.Error}");
            }

            overshoot[i] = watch.Elapsed.TotalMilliseconds - budget.TotalMilliseconds;
        }

        Array.Sort(overshoot);
        Console.WriteLine($"plugins kill precision, 50 ms budget on 'while true do end', {rounds} rounds: overshoot p50 {overshoot[rounds / 2]:F3} ms, " +
                          $"p99 {overshoot[(int)(rounds * 0.99)]:F3} ms, max {overshoot[^1]:F3} ms");
    }

    private static double Micro(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}
