using System.Diagnostics;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Resources;
using Jarvis.AppHost.Testing;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>How fast the whole model comes up, and how fast a killed service is healthy again.</summary>
internal static class AppHostBenchmarks
{
    public static async Task StartupAsync(int rounds)
    {
        var cold = new List<double>();
        var warm = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var state = Path.Combine(Path.GetTempPath(), "jarvis-bench-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                cold.Add(await TimeStartAsync(state));
                warm.Add(await TimeStartAsync(state));
            }
            finally
            {
                TestDirectories.Delete(state);
            }
        }

        Report("whole model to all healthy, cold (empty state: initdb, secrets)", cold, "s");
        Report("whole model to all healthy, warm (existing state)", warm, "s");
    }

    public static async Task RecoveryAsync(int rounds)
    {
        await using var app = DistributedApplicationTestingBuilder.CreateJarvis().Build();
        await app.StartAsync();
        var all = new List<double>();
        foreach (var runner in app.Runners.Where(r => r.Resource is ProjectResource))
        {
            var samples = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                var restarts = runner.Restarts;
                var watch = Stopwatch.StartNew();
                app.KillResource(runner.Resource.Name);
                while (runner.Restarts == restarts || runner.Health != HealthStatus.Healthy)
                {
                    await Task.Delay(5);
                }

                samples.Add(watch.Elapsed.TotalSeconds);
                // Let the backoff counter settle as it would between real crashes.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            Report($"kill -9 {runner.Resource.Name} → healthy", samples, "s");
            all.AddRange(samples);
        }

        Report("kill -9 any service → healthy", all, "s");
    }

    private static async Task<double> TimeStartAsync(string state)
    {
        var watch = Stopwatch.StartNew();
        await using var app = DistributedApplicationTestingBuilder.CreateJarvis(state).Build();
        await app.StartAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static void Report(string what, List<double> samples, string unit)
    {
        samples.Sort();
        double P(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine($"{what}: n={samples.Count} p50={P(0.5):0.00} {unit} p99={P(0.99):0.00} {unit} max={samples[^1]:0.00} {unit}");
    }
}
