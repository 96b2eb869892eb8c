using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.Simulation;
using Jarvis.Simulation.Devices.EspHome;
using Jarvis.Simulation.Mqtt;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Benchmarks;

/// <summary>
/// Devices over MQTT (issue 11's benchmark): PostgreSQL, Mosquitto, Redis and the automation service through the
/// testing entry; the device simulator announces N entities; then, through the benchmark's own MQTT 5 connections,
/// QoS 1 states to the simulator's ESPHome sensors (one topic, one entity, a bare number, so every message is one
/// state change and one history row): paced at 1,000/s for the publish → server-sent event latency, then as fast as
/// the broker accepts with <c>mosquitto_sub</c> beside the service for the stored rate against the broker's ceiling.
/// </summary>
internal static class DeviceBenchmarks
{
    private const long WarmUpBase = 10_000_000;
    private const long LatencyBase = 20_000_000;
    private const long FloodBase = 30_000_000;
    private const double PacedRate = 1000;
    private const string SensorFilter = "+/sensor/+/state";

    /// <summary>How long a drain may make no progress before what is missing counts as lost.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(15);

    private static readonly int Publishers =
        int.TryParse(Environment.GetEnvironmentVariable("JARVIS_BENCH_PUBLISHERS"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 4;

    private static PacedProbe? s_probe;

    public static async Task RunAsync(int seconds, int entities)
    {
        Line($"load average at start: {ProcStat.LoadAverage()}");
        await using var app = await JarvisTestApp.StartAsync(b =>
        {
            var db = b.AddPostgres("postgres").AddDatabase("jarvisdb");
            b.AddAutomation(db, b.AddMosquitto("mqtt"), b.AddRedis("redis"));
        });
        var mqtt = app.GetConnectionString("mqtt");
        var broker = MqttBrokerAddress.Parse(mqtt);
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        var person = new InternalPrincipal(Guid.NewGuid().ToString(), "bench", InternalRoles.User);
        var automation = app.GetEndpoint("automation");
        var pid = ServiceProcesses.App(app, "automation");
        var postgres = ServiceProcesses.App(app, "postgres");
        var mosquitto = ServiceProcesses.App(app, "mqtt");
        await using var database = NpgsqlDataSource.Create(app.GetConnectionString("jarvisdb"));
        using var http = new HttpClient { BaseAddress = automation };
        Line($"automation pid {pid}, resident after start {ProcStat.MemoryMiB(pid, "VmRSS"):0} MiB");

        // Announce: the simulator's gateways connect and publish discovery, availability and state.
        var announcing = Stopwatch.StartNew();
        await using var simulator = new DeviceSimulator(new SimulatorOptions { Broker = BrokerAddress.Parse(mqtt), Entities = entities, Seed = 7 });
        await simulator.StartAsync();
        var listed = await WaitForEntitiesAsync(http, minter, person, simulator.EntityCount);
        Line($"announced {simulator.EntityCount} entities on {simulator.Gateways.Count} connections; the API listed {listed} after {announcing.Elapsed.TotalSeconds:0.0} s");
        var topics = simulator.Devices.OfType<EspHomeNode>()
            .SelectMany(node => node.Components.OfType<EspHomeSensor>().Select(node.StateTopic))
            .ToArray();
        Line($"states go to the {topics.Length} ESPHome sensor entities ({SensorFilter}); the other entities are announced and idle");
        var rssAnnounced = ProcStat.MemoryMiB(pid, "VmRSS");
        Line($"automation resident with {entities} entities announced: {rssAnnounced:0} MiB");

        // Paced phases, read back through the event stream.
        await using (var events = await DeviceEventStream.OpenAsync(automation, minter.Mint(person, InternalAuthOptions.MaxLifetime),
            (value, at) => Volatile.Read(ref s_probe)?.Seen(value, at)))
        await using (var publisher = await BenchPublisher.ConnectAsync(broker.Host, broker.Port, "jarvis-bench-paced", default))
        {
            Console.Error.WriteLine($"warm-up: {PacedRate:0}/s for {BenchmarkSettings.WarmUp.TotalSeconds:0} s");
            await PacedAsync(publisher, topics, WarmUpBase, BenchmarkSettings.WarmUp, database, pid);
            Console.Error.WriteLine($"latency: {PacedRate:0}/s for {seconds} s");
            var latency = await PacedAsync(publisher, topics, LatencyBase, TimeSpan.FromSeconds(seconds), database, pid);
            var sorted = latency.Probe.Latencies();
            Line($"latency publish -> SSE event at {PacedRate:0} msg/s for {seconds} s: n={sorted.Length}, "
                + $"p50 {Percentile(sorted, 0.50):0.00} ms, p99 {Percentile(sorted, 0.99):0.00} ms, max {(sorted.Length == 0 ? double.NaN : sorted[^1]):0.00} ms (goal p99 <= 10 ms)");
            Line($"  paced: acknowledged {latency.Acknowledged} of {latency.Probe.Count}, stored {latency.Stored}, events received {latency.Probe.Received}, "
                + $"lost {latency.Acknowledged - latency.Probe.Received} (goal 0); automation CPU {latency.CpuPerThousand:0.000} s per 1,000 messages");
        }

        // The flood, with mosquitto_sub beside the service.
        await FloodAsync(app, broker, topics, seconds, database, pid, postgres, mosquitto);

        Line($"automation resident at the end with {entities} entities: {ProcStat.MemoryMiB(pid, "VmRSS"):0} MiB now, "
            + $"{ProcStat.MemoryMiB(pid, "VmHWM"):0} MiB at most (goal <= 300 MB with 10,000 entities)");
        Line($"load average at the end: {ProcStat.LoadAverage()}");
    }

    private static async Task<PacedResult> PacedAsync(BenchPublisher publisher, string[] topics, long @base, TimeSpan duration, NpgsqlDataSource database, int pid)
    {
        var count = (int)Math.Round(PacedRate * duration.TotalSeconds);
        var probe = new PacedProbe(@base, count);
        var pattern = Pattern(@base);
        var from = await LatestHistoryIdAsync(database);
        var acknowledgedBefore = publisher.Acknowledged;
        var cpu = ProcStat.CpuSeconds(pid);
        Volatile.Write(ref s_probe, probe);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / PacedRate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var value = (@base + i).ToString(CultureInfo.InvariantCulture);
            probe.Sent(i);
            _ = await publisher.SendAsync(topics[i % topics.Length], value, default);
        }

        await publisher.DrainAsync(default);
        var acknowledged = publisher.Acknowledged - acknowledgedBefore;
        await WaitUntilAsync(() => Task.FromResult(probe.Received), acknowledged);
        var stored = await CountAsync(database, from, pattern);
        var cpuUsed = ProcStat.CpuSeconds(pid) - cpu;
        return new PacedResult(probe, acknowledged, stored, cpuUsed / (stored / 1000.0));
    }

    private static async Task FloodAsync(JarvisTestApp app, MqttBrokerAddress broker, string[] topics, int seconds, NpgsqlDataSource database,
        int pid, int postgres, int mosquitto)
    {
        var pattern = Pattern(FloodBase);
        await using var sub = MosquittoSub.Start(broker.Host, broker.Port, SensorFilter);
        var publishers = new List<BenchPublisher>();
        try
        {
            for (var i = 0; i < Publishers; i++)
            {
                publishers.Add(await BenchPublisher.ConnectAsync(broker.Host, broker.Port, $"jarvis-bench-flood-{i}", default));
            }

            // mosquitto_sub is subscribed once it prints a marker published after it started.
            var marker = "ready-" + Guid.NewGuid().ToString("N");
            var ready = sub.Seen(marker);
            var markers = 0;
            for (var attempt = 0; !ready.IsCompleted; attempt++)
            {
                markers++;
                await await publishers[0].SendAsync("jarvis-bench/sensor/ready/state", marker, default);
                await Task.WhenAny(ready, Task.Delay(TimeSpan.FromMilliseconds(200)));
                if (attempt == 150)
                {
                    throw new TimeoutException("mosquitto_sub did not subscribe within 30 s.");
                }
            }

            Console.Error.WriteLine($"flood: {Publishers} connections (window {publishers[0].Window} each) for {seconds} s, mosquitto_sub beside");
            var mark = app.LogMark("mqtt");
            var from = await LatestHistoryIdAsync(database);
            var me = Environment.ProcessId;
            var cpu = (Service: ProcStat.CpuSeconds(pid), Postgres: ProcStat.TreeCpuSeconds(postgres), Broker: ProcStat.CpuSeconds(mosquitto),
                Sub: ProcStat.CpuSeconds(sub.ProcessId), Bench: ProcStat.CpuSeconds(me));
            var duration = TimeSpan.FromSeconds(seconds);
            long next = -1;
            var clock = Stopwatch.StartNew();

            async Task LoopAsync(BenchPublisher publisher)
            {
                while (clock.Elapsed < duration)
                {
                    var n = Interlocked.Increment(ref next);
                    _ = await publisher.SendAsync(topics[n % topics.Length], (FloodBase + n).ToString(CultureInfo.InvariantCulture), default);
                }

                await publisher.DrainAsync(default);
            }

            await Task.WhenAll(publishers.Select(LoopAsync));
            var published = clock.Elapsed;
            var storedWhilePublishing = await CountAsync(database, from, pattern);
            var atEnd = clock.Elapsed;
            // The readiness markers are acknowledged too, but they are not sensor states.
            var acknowledged = publishers.Sum(x => x.Acknowledged) - markers;
            var refused = publishers.Sum(x => x.Refused);
            Console.Error.WriteLine($"flood: {acknowledged} acknowledged in {published.TotalSeconds:0.0} s; waiting for the service to drain");

            var (stored, lastStored) = await WaitUntilAsync(() => CountAsync(database, from, pattern), acknowledged);
            var drained = clock.Elapsed - Stopwatch.GetElapsedTime(lastStored);
            var cpuUsed = (Service: ProcStat.CpuSeconds(pid) - cpu.Service, Postgres: ProcStat.TreeCpuSeconds(postgres) - cpu.Postgres,
                Broker: ProcStat.CpuSeconds(mosquitto) - cpu.Broker, Sub: ProcStat.CpuSeconds(sub.ProcessId) - cpu.Sub, Bench: ProcStat.CpuSeconds(me) - cpu.Bench);
            await WaitUntilAsync(() => Task.FromResult(sub.Phase(3).Count), acknowledged, TimeSpan.FromSeconds(5));
            var (subCount, subSeconds) = sub.Phase(3);
            var subRate = subCount / Math.Max(subSeconds, 1e-9);
            var storedRate = storedWhilePublishing / atEnd.TotalSeconds;
            var dropped = app.LogSince("mqtt", mark).Split('\n').Count(l => l.Contains("dropped", StringComparison.OrdinalIgnoreCase));

            Line($"published QoS 1 as fast as the broker accepts: {acknowledged} acknowledged ({refused} refused) in {published.TotalSeconds:0.0} s = {acknowledged / published.TotalSeconds:0} msg/s on {Publishers} connections");
            Line($"stored while publishing: {storedWhilePublishing} in {atEnd.TotalSeconds:0.0} s = {storedRate:0} msg/s sustained (goal >= 10,000 msg/s)");
            Line($"stored in all: {stored} of {acknowledged} acknowledged, lost {acknowledged - stored} (goal 0); last stored {drained.TotalSeconds:0.0} s after the first publish = {stored / drained.TotalSeconds:0} msg/s overall"
                + (dropped > 0 ? $"; Mosquitto logged {dropped} lines about dropped messages" : ""));
            Line($"mosquitto_sub -q 1 on the same stream: {subCount} messages in {subSeconds:0.0} s = {subRate:0} msg/s; stored / mosquitto_sub = {storedRate / subRate:0.00} (goal >= 0.50)");
            Line($"CPU seconds until drained: automation {cpuUsed.Service:0.0} ({cpuUsed.Service / (stored / 1000.0):0.000} s per 1,000 messages stored), "
                + $"PostgreSQL {cpuUsed.Postgres:0.0} ({cpuUsed.Postgres / (stored / 1000.0):0.000}), Mosquitto {cpuUsed.Broker:0.0}, mosquitto_sub {cpuUsed.Sub:0.0}, "
                + $"benchmark (publishers) {cpuUsed.Bench:0.0}; wall {drained.TotalSeconds:0.0} s on 2 cores");
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }
    }

    /// <summary>Pages through <c>GET /api/devices/entities</c> until it lists <paramref name="expected"/> entities.</summary>
    internal static async Task<int> WaitForEntitiesAsync(HttpClient http, InternalTokenMinter minter, InternalPrincipal person, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var count = 0;
            string? before = null;
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get,
                    "/api/devices/entities?limit=1000" + (before is null ? "" : "&before=" + Uri.EscapeDataString(before)));
                request.Headers.Authorization = new("Bearer", minter.Mint(person));
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                var page = await response.Content.ReadFromJsonAsync<JsonElement>();
                count += page.GetProperty("items").GetArrayLength();
                before = page.GetProperty("nextBefore").GetString();
            }
            while (before is not null);

            if (count >= expected)
            {
                return count;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"The API listed {count} of {expected} entities after 30 minutes.");
            }

            Console.Error.WriteLine($"announcing: the API lists {count} of {expected} entities after {deadline.Elapsed.TotalSeconds:0} s");
            // Each look lists every entity; with 10,000 that is ten pages of work for the service, so not too often.
            await Task.Delay(TimeSpan.FromSeconds(expected > 2000 ? 10 : 1));
        }
    }

    /// <summary>Polls <paramref name="progress"/> until it reaches <paramref name="target"/> or stops growing for <paramref name="settle"/> (default <see cref="Settle"/>).</summary>
    private static async Task<(long Value, long LastProgress)> WaitUntilAsync(Func<Task<long>> progress, long target, TimeSpan? settle = null)
    {
        var last = await progress();
        var lastProgress = Stopwatch.GetTimestamp();
        while (last < target && Stopwatch.GetElapsedTime(lastProgress) < (settle ?? Settle))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            var now = await progress();
            if (now != last)
            {
                last = now;
                lastProgress = Stopwatch.GetTimestamp();
            }
        }

        return (last, lastProgress);
    }

    private static async Task<long> LatestHistoryIdAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT coalesce(max(id), 0) FROM automation.state_history");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>History rows after <paramref name="from"/> whose state is one of a phase's values.</summary>
    private static async Task<long> CountAsync(NpgsqlDataSource database, long from, string pattern)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM automation.state_history WHERE id > $1 AND state LIKE $2");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = pattern });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A phase's values are 8 digits starting with its own digit.</summary>
    private static string Pattern(long @base) => (@base / 10_000_000).ToString(CultureInfo.InvariantCulture) + new string('_', MosquittoSub.PayloadLength - 1);

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

    private static void Line(string text) => Console.WriteLine(text);

    private sealed record PacedResult(PacedProbe Probe, long Acknowledged, long Stored, double CpuPerThousand);
}
