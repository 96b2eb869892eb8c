using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Aspire.Hosting;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.Plugins.Grpc;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>
/// Plugin calls through gRPC with 8 concurrent clients against the service process, and in the
/// same run redis-benchmark with 8 clients running EVALSHA of a trivial Lua script.
/// </summary>
internal static class PluginGrpcBenchmarks
{
    private const int Clients = 8;

    private static readonly Method<InvokeRequest, InvokeReply> Invoke = new(MethodType.Unary, "jarvis.plugins.v1.Plugins", "Invoke",
        Marshallers.Create(m => m.ToByteArray(), InvokeRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), InvokeReply.Parser.ParseFrom));

    private static readonly Method<InvokeRequest, InvokeStreamReply> InvokeStream = new(MethodType.DuplexStreaming, "jarvis.plugins.v1.Plugins", "InvokeStream",
        Marshallers.Create(m => m.ToByteArray(), InvokeRequest.Parser.ParseFrom),
        Marshallers.Create(m => m.ToByteArray(), InvokeStreamReply.Parser.ParseFrom));

    public static async Task RunAsync(int seconds)
    {
        var plugins = Path.Combine(Path.GetTempPath(), "jarvis-bench-plugins-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(plugins, "echo"));
        await File.WriteAllTextAsync(Path.Combine(plugins, "echo", "plugin.json"),
            """{ "id": "echo", "version": "1.0.0", "name": "echo", "description": "bench", "hooks": ["on_message"], "permissions": [] }""");
        await File.WriteAllTextAsync(Path.Combine(plugins, "echo", "main.lua"),
            "return { on_message = function(args) return { reply = 'you said ' .. args.text } end }");
        try
        {
            // The service stops before redis-benchmark runs, so the two never share the cores.
            await using (var app = await JarvisTestApp.StartAsync(b => b.AddPlugins(b.AddPostgres("postgres").AddDatabase("jarvisdb"), plugins)
                .WithEnvironment("Logging__LogLevel__Default", "Warning")))
            {
                var grpcPort = app.GetEndpoint("plugins", "grpc").Port;
                var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
                var token = minter.Mint(InternalPrincipal.ForService("bench"), TimeSpan.FromMinutes(5));
                // JARVIS_BENCH_ONLY=stream measures the stream alone (while iterating on it)
                var all = Environment.GetEnvironmentVariable("JARVIS_BENCH_ONLY") != "stream";
                if (all)
                {
                    Console.Error.WriteLine("gRPC warm-up");
                    await GrpcAsync(grpcPort, token, BenchmarkSettings.WarmUp);
                    Console.Error.WriteLine("gRPC measure");
                    var (rate, p50, p99) = await GrpcAsync(grpcPort, token, TimeSpan.FromSeconds(seconds));
                    Console.WriteLine($"plugins gRPC Invoke on_message, {Clients} clients (one HTTP/2 connection each), {seconds} s: {rate:N0} calls/s; p50 {p50:F3} ms, p99 {p99:F3} ms");
                }

                foreach (var shared in StreamChannels())
                {
                    var streamToken = minter.Mint(InternalPrincipal.ForService("bench"), TimeSpan.FromMinutes(5));
                    var channels = shared ? "one shared channel (one HTTP/2 connection)" : "one channel (HTTP/2 connection) each";
                    Console.Error.WriteLine($"gRPC stream warm-up, {channels}");
                    await StreamAsync(grpcPort, streamToken, BenchmarkSettings.WarmUp, shared);
                    Console.Error.WriteLine($"gRPC stream measure, {channels}");
                    var (streamRate, streamP50, streamP99) = await StreamAsync(grpcPort, streamToken, TimeSpan.FromSeconds(seconds), shared);
                    Console.WriteLine($"plugins gRPC InvokeStream on_message, {Clients} clients, one stream each with one call in flight, {channels}, {seconds} s: {streamRate:N0} calls/s; p50 {streamP50:F3} ms, p99 {streamP99:F3} ms");
                }

                if (!all)
                {
                    return;
                }

                var admin = minter.Mint(new InternalPrincipal("bench", "bench", InternalRoles.Admin), TimeSpan.FromMinutes(5));
                await RestAsync(app.GetEndpoint("plugins"), admin, TimeSpan.FromSeconds(5));
                var (restRate, restP50, restP99) = await RestAsync(app.GetEndpoint("plugins"), admin, TimeSpan.FromSeconds(Math.Min(seconds, 5)));
                Console.WriteLine($"plugins REST POST /api/plugins/echo/invoke (JSON transcoding, HTTP/1.1), {Clients} clients: {restRate:N0} calls/s; p50 {restP50:F3} ms, p99 {restP99:F3} ms");
                await RestAsync(app.GetEndpoint("plugins"), null, TimeSpan.FromSeconds(5));
                var (aliveRate, aliveP50, aliveP99) = await RestAsync(app.GetEndpoint("plugins"), null, TimeSpan.FromSeconds(Math.Min(seconds, 5)));
                Console.WriteLine($"baseline GET /alive of the same process (no auth, no plugin), {Clients} clients: {aliveRate:N0} calls/s; p50 {aliveP50:F3} ms, p99 {aliveP99:F3} ms");
            }
        }
        finally
        {
            TestDirectories.Delete(plugins);
        }

        Console.WriteLine(await RedisAsync(seconds));
    }

    private static async Task<(double Rate, double P50, double P99)> GrpcAsync(int port, string token, TimeSpan duration)
    {
        var request = EchoRequest();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var latencies = new List<double>[Clients];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
            var invoker = channel.CreateCallInvoker();
            var mine = latencies[c] = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await invoker.AsyncUnaryCall(Invoke, null, new CallOptions(headers), request);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        watch.Stop();
        return Summarise(latencies, watch.Elapsed);
    }

    /// <summary>
    /// Each client holds one InvokeStream and keeps one call in flight (send, await the reply, send
    /// the next), as each redis-benchmark client has one request in flight.
    /// </summary>
    private static async Task<(double Rate, double P50, double P99)> StreamAsync(int port, string token, TimeSpan duration, bool sharedChannel)
    {
        var request = EchoRequest();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var latencies = new List<double>[Clients];
        using var shared = sharedChannel ? GrpcChannel.ForAddress($"http://127.0.0.1:{port}") : null;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            using var own = shared is null ? GrpcChannel.ForAddress($"http://127.0.0.1:{port}") : null;
            var invoker = (shared ?? own!).CreateCallInvoker();
            var mine = latencies[c] = new List<double>(1_000_000);
            using var call = invoker.AsyncDuplexStreamingCall(InvokeStream, null, new CallOptions(headers));
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                await call.RequestStream.WriteAsync(request);
                if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.OutcomeCase != InvokeStreamReply.OutcomeOneofCase.Result)
                {
                    throw new InvalidOperationException($"the stream answered {call.ResponseStream.Current}");
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        }));
        watch.Stop();
        return Summarise(latencies, watch.Elapsed);
    }

    /// <summary>Which channel layouts the stream run measures: JARVIS_BENCH_STREAM_CHANNELS=shared, own or both.</summary>
    private static bool[] StreamChannels() => Environment.GetEnvironmentVariable("JARVIS_BENCH_STREAM_CHANNELS") switch
    {
        "own" => [false],
        "both" => [true, false],
        _ => [true],
    };

    /// <summary>POSTs an invoke with <paramref name="token"/>, or GETs /alive without one.</summary>
    private static async Task<(double Rate, double P50, double P99)> RestAsync(Uri endpoint, string? token, TimeSpan duration)
    {
        var latencies = new List<double>[Clients];
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async c =>
        {
            using var http = new HttpClient { BaseAddress = endpoint };
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var mine = latencies[c] = new List<double>(100_000);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var start = Stopwatch.GetTimestamp();
                if (token is null)
                {
                    using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
                    alive.EnsureSuccessStatusCode();
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    continue;
                }

                using var content = new StringContent("""{"hook":"on_message","args":{"text":"turn on the kitchen light","user":"alice"}}""", System.Text.Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri("/api/plugins/echo/invoke", UriKind.Relative), content);
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
        watch.Stop();
        return Summarise(latencies, watch.Elapsed);
    }

    private static InvokeRequest EchoRequest() =>
        new() { Id = "echo", Hook = "on_message", Args = Struct.Parser.ParseJson("""{"text":"turn on the kitchen light","user":"alice"}""") };

    /// <summary>Calls per second over <paramref name="elapsed"/>, and the p50 and p99 of every client's latencies.</summary>
    private static (double Rate, double P50, double P99) Summarise(IEnumerable<List<double>> latencies, TimeSpan elapsed)
    {
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return (all.Length / elapsed.TotalSeconds, all[all.Length / 2], all[(int)(all.Length * 0.99)]);
    }

    private static async Task<string> RedisAsync(int seconds)
    {
        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        using var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            string sha;
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (true)
            {
                sha = (await Run("redis-cli", ["-p", port, "SCRIPT", "LOAD", "return 1"])).Trim();
                if (sha.Length == 40 || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(100);
            }

            // about as many requests as gRPC managed in the same time, so both run for similar durations
            var requests = (seconds * 40_000).ToString(CultureInfo.InvariantCulture);
            var output = await Run("redis-benchmark", ["-p", port, "-c", Clients.ToString(CultureInfo.InvariantCulture), "-n", requests, "-q", "EVALSHA", sha, "0"]);
            return $"redis-benchmark EVALSHA 'return 1', {Clients} clients, {requests} requests: {output.Trim().Split('\r', '\n').Last(l => l.Length > 0)}";
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    private static async Task<string> Run(string file, string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
