using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>How fast the whole model comes up and stops, and how fast a killed service is healthy again.</summary>
internal static partial class AppHostBenchmarks
{
    /// <summary>How long a start may take before the AppHost gives up (a busy shared machine needs minutes); the benchmark waits a little longer to read why.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(600);

    /// <summary>
    /// The AppHost as a person runs it (its built dll in a process of its own, full durability, the
    /// dashboard on), timed by its own start report; cold in an empty state directory, warm in the same
    /// one again. Each run ends with SIGTERM, timed until every process it started is gone.
    /// </summary>
    public static async Task StartupAsync(int rounds)
    {
        var cold = new List<double>();
        var warm = new List<double>();
        var coldLaunch = new List<double>();
        var warmLaunch = new List<double>();
        var stops = new List<double>();
        var resources = "";
        for (var i = 0; i < rounds; i++)
        {
            var state = Path.Combine(Path.GetTempPath(), "jarvis-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                foreach (var (healthy, launch) in new[] { (cold, coldLaunch), (warm, warmLaunch) })
                {
                    var run = await RunAppHostAsync(state);
                    healthy.Add(run.Healthy);
                    launch.Add(run.FromLaunch);
                    stops.Add(run.Stop);
                    resources = run.Resources;
                    Console.Error.WriteLine(FormattableString.Invariant(
                        $"{(healthy == cold ? "cold" : "warm")}: {run.Resources} resources healthy after {run.Healthy:0.0} s ({run.FromLaunch:0.0} s from launch), stopped in {run.Stop:0.00} s"));
                }
            }
            finally
            {
                TestDirectories.Delete(state);
            }
        }

        Report($"whole model ({resources} resources) to all healthy, cold (empty state: initdb, secrets)", cold, "s");
        Report($"whole model ({resources} resources) to all healthy, warm (existing state)", warm, "s");
        Report("same, cold, from launching the AppHost process", coldLaunch, "s");
        Report("same, warm, from launching the AppHost process", warmLaunch, "s");
        Report("SIGTERM of the AppHost → every process it started gone", stops, "s");
    }

    /// <summary>
    /// The whole model on Aspire.Hosting.Testing; for each service in turn, SIGKILL of its application
    /// process (the child of <c>dotnet run</c>) until its <c>/health</c> answers 200 again after the
    /// AppHost's supervision restarted it.
    /// </summary>
    public static async Task RecoveryAsync(int rounds)
    {
        // Aspire's own health checks fail while a service restarts, by design here: keep them off the console.
        await using var app = await JarvisTestApp.StartJarvisAsync("--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None");
        var services = app.Model.Resources.Where(StartReport.IsJarvisResource).OfType<ProjectResource>().Select(r => r.Name).ToList();
        var samples = services.ToDictionary(s => s, _ => new List<double>());
        var recoveredAt = new Dictionary<string, DateTime>();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var round = 0; round < rounds; round++)
        {
            // Services in turn, so one waits for the next round while the others are killed.
            foreach (var service in services)
            {
                // A crash within Supervisor.StableAfter of the last start counts as a crash loop and
                // is restarted with a growing delay; measure a crash of a service that ran settled.
                if (recoveredAt.TryGetValue(service, out var at) && at + Supervisor.StableAfter > DateTime.UtcNow)
                {
                    var wait = at + Supervisor.StableAfter - DateTime.UtcNow;
                    Console.Error.WriteLine(FormattableString.Invariant($"{service}: {wait.TotalSeconds:0} s until its run counts as stable"));
                    await Task.Delay(wait);
                }

                var restarts = app.Restarts(service);
                var launcher = app.ProcessId(service);
                var victim = ServiceProcesses.App(app, service);
                var killedAt = DateTime.UtcNow;
                var watch = Stopwatch.StartNew();
                if (NativeSignal.Send(victim, NativeSignal.SigKill) != 0)
                {
                    throw new InvalidOperationException($"kill -9 {victim} ({service}) failed: errno {Marshal.GetLastPInvokeError()}");
                }

                // The restart counter moves once the AppHost has seen the crash: an answer after that comes from the new process.
                double? seen = null, launched = null;
                while (app.Restarts(service) == restarts || !await AnswersHealthAsync(http, app, service))
                {
                    seen ??= app.Restarts(service) != restarts ? watch.Elapsed.TotalSeconds : null;
                    launched ??= seen is not null && NewApplicationStarted(app, service, launcher) ? watch.Elapsed.TotalSeconds : null;
                    if (watch.Elapsed > Limit)
                    {
                        throw new TimeoutException($"{service} did not answer /health within {Limit.TotalSeconds:0} s of kill -9 (restarts {app.Restarts(service)}).");
                    }

                    await Task.Delay(10);
                }

                var back = watch.Elapsed.TotalSeconds;
                recoveredAt[service] = DateTime.UtcNow;
                samples[service].Add(back);
                if (app.Restarts(service) != restarts + 1)
                {
                    throw new InvalidOperationException($"{service}: {app.Restarts(service) - restarts} restarts for one kill");
                }

                Console.Error.WriteLine(FormattableString.Invariant(
                    $"{service}: kill -9 {victim} → /health 200 in {back:0.00} s (restart begun after {seen ?? back:0.00} s, new application process after {launched ?? back:0.00} s; restarts {app.Restarts(service)})"));
                // The next kill goes to a model the AppHost sees healthy again, as a real crash would find it.
                await app.WaitForHealthyAsync(service, Limit, killedAt);
            }
        }

        foreach (var service in services)
        {
            Report($"kill -9 {service} → healthy", samples[service], "s");
        }

        Report("kill -9 any service → healthy", [.. samples.Values.SelectMany(s => s)], "s");
    }

    /// <summary>A new <c>dotnet run</c> has started the service's application.</summary>
    private static bool NewApplicationStarted(JarvisTestApp app, string service, int oldLauncher)
    {
        try
        {
            var launcher = app.ProcessId(service);
            return launcher != oldLauncher && ProcessTree.Children(launcher).Count > 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<bool> AnswersHealthAsync(HttpClient http, JarvisTestApp app, string service)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(app.GetEndpoint(service), "/health"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // Refused, cut off, or no port yet while the replica restarts.
            return false;
        }
    }

    private sealed record AppHostRun(string Resources, double Healthy, double FromLaunch, double Stop);

    private static async Task<AppHostRun> RunAppHostAsync(string state)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var startTimeout = "--Jarvis:StartTimeoutSeconds=" + Limit.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        foreach (var arg in new[] { AppHostDll(), "--Gateway:Port=0", "--Dashboard:Port=0", startTimeout })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["JARVIS_STATE_DIR"] = state;
        var output = new StringBuilder();
        var healthyLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (AllHealthy().IsMatch(line))
            {
                healthyLine.TrySetResult(line);
            }
        }

        var launch = Stopwatch.StartNew();
        using var host = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        host.OutputDataReceived += (_, e) => Read(e.Data);
        host.ErrorDataReceived += (_, e) => Read(e.Data);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            var exited = host.WaitForExitAsync();
            if (await Task.WhenAny(healthyLine.Task, exited, Task.Delay(Limit + TimeSpan.FromSeconds(30))) != healthyLine.Task)
            {
                throw new TimeoutException($"The AppHost did not report all resources healthy within {(Limit + TimeSpan.FromSeconds(30)).TotalSeconds:0} s{(host.HasExited ? $" (exit code {host.ExitCode})" : "")}:\n{Text(output)}");
            }

            var fromLaunch = launch.Elapsed.TotalSeconds;
            var healthy = AllHealthy().Match(await healthyLine.Task);

            // Every process it started: the orchestrator (which watches the AppHost's pid) and all below
            // it, and whatever the AppHost started itself.
            var monitor = host.Id.ToString(CultureInfo.InvariantCulture);
            var orchestrators = ServiceProcesses.All().Where(p => ServiceProcesses.Arguments(p) is var a
                && a.Zip(a.Skip(1)).Any(x => x.First == "--monitor" && x.Second == monitor)).ToList();
            if (orchestrators.Count == 0)
            {
                throw new InvalidOperationException($"No process has --monitor {host.Id} on its command line.");
            }

            var started = orchestrators.SelectMany(o => ServiceProcesses.Descendants(o).Prepend(o))
                .Concat(ServiceProcesses.Descendants(host.Id)).Append(host.Id).Distinct().ToList();

            var commands = started.ToDictionary(p => p, ServiceProcesses.CommandLine);
            var stop = Stopwatch.StartNew();
            if (NativeSignal.Send(host.Id, NativeSignal.SigTerm) != 0)
            {
                throw new InvalidOperationException($"kill -TERM {host.Id} failed: errno {Marshal.GetLastPInvokeError()}");
            }

            var last = "";
            var ended = new Dictionary<int, double>();
            while (started.Any(ServiceProcesses.IsAlive))
            {
                foreach (var gone in started.Where(p => !ended.ContainsKey(p) && !ServiceProcesses.IsAlive(p)))
                {
                    ended[gone] = stop.Elapsed.TotalSeconds;
                }

                last = commands[started.Last(ServiceProcesses.IsAlive)];
                if (stop.Elapsed > Limit)
                {
                    throw new TimeoutException($"{stop.Elapsed.TotalSeconds:0} s after SIGTERM still running: {string.Join(", ", started.Where(ServiceProcesses.IsAlive).Select(p => $"{p} {ServiceProcesses.CommandLine(p)}"))}");
                }

                await Task.Delay(10);
            }

            var stopped = stop.Elapsed.TotalSeconds;
            foreach (var gone in started.Where(p => !ended.ContainsKey(p)))
            {
                ended[gone] = stopped;
            }

            // Where the time goes: the AppHost itself, what the model runs, and the orchestrator last.
            var orchestration = orchestrators.SelectMany(o => ServiceProcesses.Descendants(o).Prepend(o))
                .Where(p => commands[p].Contains("dcp", StringComparison.Ordinal) && !commands[p].Contains("dotnet", StringComparison.Ordinal)).ToHashSet();
            var model = started.Where(p => p != host.Id && !orchestration.Contains(p)).ToList();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stop: AppHost gone after {ended[host.Id]:0.00} s, the model's {model.Count} processes after {(model.Count == 0 ? 0 : model.Max(p => ended[p])):0.00} s, the orchestrator's {orchestration.Count} after {(orchestration.Count == 0 ? 0 : orchestration.Max(p => ended[p])):0.00} s"));
            Console.Error.WriteLine($"stop: {started.Count} processes, the last to end: {(last.Length > 120 ? last[..120] + "…" : last)}");
            await exited;
            if (host.ExitCode != 0)
            {
                throw new InvalidOperationException($"The AppHost ended with exit code {host.ExitCode} after SIGTERM:\n{Text(output)}");
            }

            return new AppHostRun(healthy.Groups[1].Value, double.Parse(healthy.Groups[2].Value, CultureInfo.InvariantCulture), fromLaunch, stopped);
        }
        finally
        {
            if (!host.HasExited)
            {
                // The orchestrator watches the AppHost's pid and takes everything down with it.
                host.Kill(entireProcessTree: true);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    /// <summary>The AppHost built in this benchmark's configuration, where its orchestrator and dashboard are found.</summary>
    private static string AppHostDll()
    {
        var configuration = typeof(AppHostBenchmarks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "Jarvis.Configuration").Value!;
        var dll = Path.Combine(RepositoryLayout.Metadata("Jarvis.RepositoryRoot"), "Jarvis.AppHost", "bin", configuration, "net10.0", "Jarvis.AppHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: dotnet build Jarvis.sln -c {configuration}", dll);
    }

    [GeneratedRegex(@"All (\d+) resources healthy after ([\d.]+) s\.")]
    private static partial Regex AllHealthy();

    private static void Report(string what, List<double> samples, string unit)
    {
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine($"{what}: n={samples.Count} p50={P(0.5):0.00} {unit} p99={P(0.99):0.00} {unit} max={samples[^1]:0.00} {unit}");
    }
}
