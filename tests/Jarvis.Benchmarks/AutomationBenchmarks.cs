using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>
/// Automations (issue 12's benchmark): the automation service through the testing entry with 1,000 entities (500
/// sensors, 500 switches, announced by MQTT discovery) and 200 automations, automation i: a state change of sensor i
/// → <c>switch.turn_on</c> of switch i (mode queued). A QoS 1 state message published to Mosquitto → the switch's
/// command received by a subscriber: paced at 1,000 triggers/s for p50/p99, beside the bare broker round trip
/// (publish → the same subscriber, no Jarvis) at the same pace in the same run; then a burst as fast as the broker
/// accepts for the sustained rate. Commands are matched to triggers per switch in order (the k-th command on
/// switch i answers the k-th state of sensor i); lost and doubled are counted per switch. CPU time of the automation
/// process per trigger→action from <c>/proc/&lt;pid&gt;/stat</c>, the figure that does not depend on what else runs.
/// </summary>
internal static class AutomationBenchmarks
{
    private const int Sensors = 500;
    private const int Automations = 200;
    /// <summary>Triggers a second in the paced phases (1,000); <c>JARVIS_BENCH_TRIGGER_RATE</c> sets another, for a machine that cannot keep up.</summary>
    private static readonly double PacedRate =
        double.TryParse(Environment.GetEnvironmentVariable("JARVIS_BENCH_TRIGGER_RATE"), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 1000;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private static long s_value = 10_000_000;

    public static async Task RunAsync(int seconds)
    {
        Line($"load average at start: {ProcStat.LoadAverage()}");
        await using var app = await JarvisTestApp.StartAsync(b =>
        {
            var db = b.AddPostgres("postgres").AddDatabase("jarvisdb");
            b.AddAutomation(db, b.AddMosquitto("mqtt"), b.AddRedis("redis"));
        });
        var broker = MqttBrokerAddress.Parse(app.GetConnectionString("mqtt"));
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        var admin = new InternalPrincipal(Guid.NewGuid().ToString(), "bench", InternalRoles.Admin);
        var pid = ServiceProcesses.App(app, "automation");
        using var http = new HttpClient { BaseAddress = app.GetEndpoint("automation") };
        await using var listener = await CommandListener.ConnectAsync(broker.Host, broker.Port, "bench/+/set", "bench-echo/#");
        await using var publisher = await BenchPublisher.ConnectAsync(broker.Host, broker.Port, "jarvis-bench-automations", default);

        // 1,000 entities: sensor i reports on bench/s<i>, switch i listens on bench/w<i>/set.
        var announcing = Stopwatch.StartNew();
        for (var i = 0; i < Sensors; i++)
        {
            await publisher.SendAsync($"homeassistant/sensor/bench_s{i}/config",
                $$$"""{"name":"S{{{i}}}","object_id":"bench_s{{{i}}}","unique_id":"bench_s{{{i}}}","state_topic":"bench/s{{{i}}}","dev":{"ids":["bench-{{{i / 10}}}"],"name":"Bench {{{i / 10}}}"}}""", default);
            await publisher.SendAsync($"homeassistant/switch/bench_w{i}/config",
                $$$"""{"name":"W{{{i}}}","object_id":"bench_w{{{i}}}","unique_id":"bench_w{{{i}}}","state_topic":"bench/w{{{i}}}/state","command_topic":"bench/w{{{i}}}/set","dev":{"ids":["bench-{{{i / 10}}}"],"name":"Bench {{{i / 10}}}"}}""", default);
        }

        await publisher.DrainAsync(default);
        var listed = await DeviceBenchmarks.WaitForEntitiesAsync(http, minter, admin, 2 * Sensors);
        Line($"announced {2 * Sensors} entities ({Sensors} sensors, {Sensors} switches); the API listed {listed} after {announcing.Elapsed.TotalSeconds:0.0} s");

        var creating = Stopwatch.StartNew();
        for (var i = 0; i < Automations; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/automations")
            {
                Content = new StringContent($$"""
                    alias: Bench {{i}}
                    mode: queued
                    max: 1000
                    triggers: [{ trigger: state, entity_id: sensor.bench_s{{i}} }]
                    actions: [{ action: switch.turn_on, target: { entity_id: switch.bench_w{{i}} } }]
                    """, Encoding.UTF8, "application/yaml"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", minter.Mint(admin));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        Line($"created {Automations} automations in {creating.Elapsed.TotalSeconds:0.0} s; automation pid {pid}, resident {ProcStat.MemoryMiB(pid, "VmRSS"):0} MiB");

        Console.Error.WriteLine($"warm-up: {PacedRate:0} triggers/s for {BenchmarkSettings.WarmUp.TotalSeconds:0} s");
        await PacedTriggersAsync(publisher, listener, BenchmarkSettings.WarmUp, pid);

        Console.Error.WriteLine($"bare broker: {PacedRate:0}/s for {seconds} s");
        var bare = await PacedEchoAsync(publisher, listener, TimeSpan.FromSeconds(seconds));
        Line($"bare broker round trip publish -> subscriber at {PacedRate:0}/s for {seconds} s: n={bare.Length}, p50 {Percentile(bare, 0.50):0.00} ms, p99 {Percentile(bare, 0.99):0.00} ms");

        Console.Error.WriteLine($"latency: {PacedRate:0} triggers/s for {seconds} s");
        var paced = await PacedTriggersAsync(publisher, listener, TimeSpan.FromSeconds(seconds), pid);
        var latencies = paced.Latencies;
        Line($"trigger -> command at {PacedRate:0} triggers/s for {seconds} s: n={latencies.Length}, p50 {Percentile(latencies, 0.50):0.00} ms, "
            + $"p99 {Percentile(latencies, 0.99):0.00} ms, max {(latencies.Length == 0 ? double.NaN : latencies[^1]):0.00} ms; "
            + $"added to the bare round trip: p50 {Percentile(latencies, 0.50) - Percentile(bare, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99) - Percentile(bare, 0.99):0.00} ms (goal p99 <= 10 ms)");
        Line($"  paced: {paced.Sent} triggers, {paced.Received} commands, lost {paced.Lost}, doubled {paced.Doubled} (goal 0 and 0); "
            + $"automation CPU {paced.CpuSeconds:0.0} s = {1000 * paced.CpuSeconds / Math.Max(paced.Received, 1):0.000} ms per trigger->action");

        var total = (int)Math.Min(int.MaxValue, 500L * seconds);
        Console.Error.WriteLine($"burst: {total} triggers as fast as the broker accepts");
        var burst = await BurstAsync(publisher, listener, total, pid);
        Line($"burst: {total} triggers published in {burst.Published.TotalSeconds:0.0} s ({total / burst.Published.TotalSeconds:0}/s); "
            + $"{burst.Received} commands, the last {burst.Drained.TotalSeconds:0.0} s after the first trigger = {burst.Received / burst.Drained.TotalSeconds:0} trigger->action/s sustained (goal >= 5,000/s); "
            + $"lost {burst.Lost}, doubled {burst.Doubled}; automation CPU {burst.CpuSeconds:0.0} s = {1000 * burst.CpuSeconds / Math.Max(burst.Received, 1):0.000} ms per trigger->action");
        Line($"automation resident at the end: {ProcStat.MemoryMiB(pid, "VmRSS"):0} MiB, at most {ProcStat.MemoryMiB(pid, "VmHWM"):0} MiB");
        Line($"load average at the end: {ProcStat.LoadAverage()}");
    }

    /// <summary>Paced states to the 200 triggering sensors in turn; waits until every command came (or nothing more comes for a while).</summary>
    private static async Task<Phase> PacedTriggersAsync(BenchPublisher publisher, CommandListener listener, TimeSpan duration, int pid)
    {
        var count = (int)Math.Round(PacedRate * duration.TotalSeconds);
        var before = Enumerable.Range(0, Automations).Select(i => listener.Count($"bench/w{i}/set")).ToArray();
        var sent = new List<long>[Automations];
        for (var i = 0; i < Automations; i++)
        {
            sent[i] = new List<long>(count / Automations + 1);
        }

        var cpu = ProcStat.CpuSeconds(pid);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var wait = TimeSpan.FromSeconds(n / PacedRate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var i = n % Automations;
            sent[i].Add(Stopwatch.GetTimestamp());
            _ = await publisher.SendAsync($"bench/s{i}", Next(), default);
        }

        await publisher.DrainAsync(default);
        await WaitAsync(() => Enumerable.Range(0, Automations).Sum(i => (long)listener.Count($"bench/w{i}/set") - before[i]), count);
        var cpuUsed = ProcStat.CpuSeconds(pid) - cpu;

        var latencies = new List<double>(count);
        long received = 0, lost = 0, doubled = 0;
        for (var i = 0; i < Automations; i++)
        {
            var commands = listener.On($"bench/w{i}/set").Skip(before[i]).ToArray();
            received += commands.Length;
            lost += Math.Max(0, sent[i].Count - commands.Length);
            doubled += Math.Max(0, commands.Length - sent[i].Count);
            for (var k = 0; k < Math.Min(commands.Length, sent[i].Count); k++)
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent[i][k], commands[k].At).TotalMilliseconds);
            }
        }

        latencies.Sort();
        return new Phase(count, received, lost, doubled, cpuUsed, [.. latencies]);
    }

    /// <summary>The same pace with no Jarvis: publish → the same subscriber, each message carrying its index.</summary>
    private static async Task<double[]> PacedEchoAsync(BenchPublisher publisher, CommandListener listener, TimeSpan duration)
    {
        var count = (int)Math.Round(PacedRate * duration.TotalSeconds);
        var sent = new long[count];
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var wait = TimeSpan.FromSeconds(n / PacedRate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            sent[n] = Stopwatch.GetTimestamp();
            _ = await publisher.SendAsync($"bench-echo/{n % Automations}", n.ToString(CultureInfo.InvariantCulture), default);
        }

        await publisher.DrainAsync(default);
        await WaitAsync(() => Enumerable.Range(0, Automations).Sum(i => (long)listener.Count($"bench-echo/{i}")), count);
        var latencies = Enumerable.Range(0, Automations)
            .SelectMany(i => listener.On($"bench-echo/{i}"))
            .Select(m => Stopwatch.GetElapsedTime(sent[int.Parse(m.Payload, CultureInfo.InvariantCulture)], m.At).TotalMilliseconds)
            .Order()
            .ToArray();
        return latencies;
    }

    /// <summary>As many states as the broker accepts, then until every command came: the rate the service sustains.</summary>
    private static async Task<Burst> BurstAsync(BenchPublisher publisher, CommandListener listener, int total, int pid)
    {
        var before = Enumerable.Range(0, Automations).Select(i => listener.Count($"bench/w{i}/set")).ToArray();
        var cpu = ProcStat.CpuSeconds(pid);
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            _ = await publisher.SendAsync($"bench/s{n % Automations}", Next(), default);
        }

        await publisher.DrainAsync(default);
        var published = clock.Elapsed;
        var lastProgress = await WaitAsync(() => Enumerable.Range(0, Automations).Sum(i => (long)listener.Count($"bench/w{i}/set") - before[i]), total);
        var drained = clock.Elapsed - Stopwatch.GetElapsedTime(lastProgress);
        var cpuUsed = ProcStat.CpuSeconds(pid) - cpu;
        long received = 0, lost = 0, doubled = 0;
        for (var i = 0; i < Automations; i++)
        {
            var expected = total / Automations + (i < total % Automations ? 1 : 0);
            var got = listener.Count($"bench/w{i}/set") - before[i];
            received += got;
            lost += Math.Max(0, expected - got);
            doubled += Math.Max(0, got - expected);
        }

        return new Burst(published, drained, received, lost, doubled, cpuUsed);
    }

    /// <summary>A new sensor value each time (a state trigger fires on a change).</summary>
    private static string Next() => Interlocked.Increment(ref s_value).ToString(CultureInfo.InvariantCulture);

    /// <summary>Polls until <paramref name="progress"/> reaches <paramref name="target"/> or stops growing for <see cref="Settle"/>; the time of the last progress.</summary>
    private static async Task<long> WaitAsync(Func<long> progress, long target)
    {
        var last = progress();
        var lastProgress = Stopwatch.GetTimestamp();
        while (last < target && Stopwatch.GetElapsedTime(lastProgress) < Settle)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            var now = progress();
            if (now != last)
            {
                last = now;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }

        return lastProgress;
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static void Line(string text) => Console.WriteLine(text);

    private sealed record Phase(long Sent, long Received, long Lost, long Doubled, double CpuSeconds, double[] Latencies);

    private sealed record Burst(TimeSpan Published, TimeSpan Drained, long Received, long Lost, long Doubled, double CpuSeconds);
}
