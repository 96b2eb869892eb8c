using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>
/// The monitor (issue 14's benchmark): PostgreSQL, Mosquitto and one monitor through the testing entry. Detection
/// latency of a SIGKILLed and of a SIGSTOPped HTTP server (Python's <c>http.server</c>, a process of its own) at a
/// 1 s interval and failure threshold 2, from the signal to the monitor's own "down" event; then N HTTP checks at a
/// 10 s interval against one local endpoint: the monitor's CPU (share of one core) and memory.
/// </summary>
internal static class MonitorBenchmarks
{
    private static readonly InternalPrincipal Admin = new(Guid.NewGuid().ToString(), "bench-admin", InternalRoles.Admin);

    public static async Task RunAsync(int rounds, int checks)
    {
        Line($"load average at start: {ProcStat.LoadAverage()}");
        await using var app = await JarvisTestApp.StartAsync(b =>
        {
            var db = b.AddPostgres("postgres").AddDatabase("jarvisdb");
            b.AddMonitor(db, b.AddMosquitto("mqtt"));
        });
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        // A fresh token on every request: an internal token lives at most 5 minutes, the benchmark longer.
        using var http = new HttpClient(new ServiceTokenHandler(minter, Admin) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = app.GetEndpoint("monitor"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        using var stop = new CancellationTokenSource();
        var changes = await ListenAsync(http, stop.Token);

        var kill = await DetectAsync(http, changes, rounds, "kill", server => server.Kill());
        Report("kill -9", kill);
        var hang = await DetectAsync(http, changes, rounds, "hang", server => server.Signal("STOP"));
        Report("SIGSTOP (timeout 500 ms)", hang);

        using var endpoint = await PythonServer.StartAsync();
        for (var i = 0; i < checks; i++)
        {
            await CreateAsync(http, new { id = $"load-{i:D4}", kind = "http", url = endpoint.Url, intervalSeconds = 10, timeoutMs = 5000 });
        }

        var monitor = ServiceProcesses.App(app, "monitor");
        var warm = Stopwatch.StartNew();
        while (await CountUpAsync(http, "load-") < checks)
        {
            if (warm.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException($"Only {await CountUpAsync(http, "load-")} of {checks} checks up after 3 minutes.");
            }

            await Task.Delay(500);
        }

        Line($"{checks} checks up after {warm.Elapsed.TotalSeconds:F0} s; measuring 60 s");
        var cpuBefore = ProcStat.CpuSeconds(monitor);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(60));
        var cpu = (ProcStat.CpuSeconds(monitor) - cpuBefore) / clock.Elapsed.TotalSeconds;
        Line($"{checks} HTTP checks every 10 s ({checks / 10.0:F0} attempts/s): monitor CPU {cpu * 100:F1} % of one core, "
            + $"RSS {ProcStat.MemoryMiB(monitor, "VmRSS"):F0} MiB (peak {ProcStat.MemoryMiB(monitor, "VmHWM"):F0} MiB); load average {ProcStat.LoadAverage()}");
        await stop.CancelAsync();
    }

    private static async Task<List<double>> DetectAsync(HttpClient http, ChannelReader<JsonElement> changes, int rounds, string name, Action<PythonServer> fail)
    {
        var latencies = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            using var server = await PythonServer.StartAsync();
            var id = $"{name}-{round}";
            await CreateAsync(http, new { id, kind = "http", url = server.Url, intervalSeconds = 1, timeoutMs = 500, failureThreshold = 2 });
            await NextAsync(changes, id, "up");
            var failedAt = DateTimeOffset.UtcNow;
            fail(server);
            var down = await NextAsync(changes, id, "down");
            latencies.Add((down.GetProperty("at").GetDateTimeOffset() - failedAt).TotalMilliseconds);
            (await http.DeleteAsync(new Uri($"/api/monitor/checks/{id}", UriKind.Relative))).Dispose();
        }

        return latencies;
    }

    private static void Report(string what, List<double> latencies)
    {
        var sorted = latencies.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        Line($"detection of {what}, {sorted.Count} rounds: median {median:F0} ms, worst {sorted[^1]:F0} ms, best {sorted[0]:F0} ms");
    }

    private static async Task CreateAsync(HttpClient http, object check)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/monitor/checks", UriKind.Relative), check);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Creating a check: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<int> CountUpAsync(HttpClient http, string prefix)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/monitor/status", UriKind.Relative)));
        return status.RootElement.GetProperty("checks").EnumerateArray()
            .Count(c => c.GetProperty("check").GetProperty("id").GetString()!.StartsWith(prefix, StringComparison.Ordinal)
                && c.GetProperty("check").GetProperty("status").GetString() == "up");
    }

    private static async Task<JsonElement> NextAsync(ChannelReader<JsonElement> changes, string id, string to)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var change = await changes.ReadAsync(timeout.Token);
            if (change.GetProperty("checkId").GetString() == id && change.GetProperty("to").GetString() == to)
            {
                return change;
            }
        }
    }

    /// <summary>The monitor's event stream, its "change" events in a channel.</summary>
    private static async Task<ChannelReader<JsonElement>> ListenAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        var response = await http.GetAsync(new Uri("/api/monitor/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        _ = Task.Run(async () =>
        {
            using (response)
            using (reader)
            {
                string? name = null;
                try
                {
                    while (await reader.ReadLineAsync(cancellationToken) is { } line)
                    {
                        if (line.StartsWith("event: ", StringComparison.Ordinal))
                        {
                            name = line[7..];
                        }
                        else if (line.StartsWith("data: ", StringComparison.Ordinal) && name == "change")
                        {
                            channel.Writer.TryWrite(JsonDocument.Parse(line[6..]).RootElement.Clone());
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // Done.
                }
            }
        }, CancellationToken.None);
        return channel.Reader;
    }

    private static void Line(string text) => Console.WriteLine(text);

    /// <summary>Python's http.server in a process of its own, to kill or freeze.</summary>
    private sealed class PythonServer : IDisposable
    {
        private readonly Process _process;
        private readonly string _directory;

        private PythonServer(Process process, string directory, Uri url)
        {
            _process = process;
            _directory = directory;
            Url = url;
        }

        public Uri Url { get; }

        public static async Task<PythonServer> StartAsync()
        {
            var directory = Directory.CreateTempSubdirectory("jarvis-bench-monitor-").FullName;
            await File.WriteAllTextAsync(Path.Combine(directory, "health"), "ok");
            var port = FreePort();
            var process = Process.Start(new ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList = { "-m", "http.server", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", directory },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new PythonServer(process, directory, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health"));
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    (await probe.GetAsync(server.Url)).Dispose();
                    return server;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && attempt < 300)
                {
                    await Task.Delay(100);
                }
            }
        }

        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Signal(string signal)
        {
            using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Signal("CONT");
                Kill();
            }

            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
