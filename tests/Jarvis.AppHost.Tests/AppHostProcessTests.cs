using System.Diagnostics;
using System.Net;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests;

/// <summary>The AppHost as a person runs it: its own process, started, signalled, killed and started again.</summary>
[Collection(AppHostProcesses.Name)]
public sealed class AppHostProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task SIGTERM_stops_everything_and_the_admin_password_is_printed_on_the_first_run_only()
    {
        var state = JarvisTestApp.NewStateDirectory();
        try
        {
            var first = await RunUntilHealthyThenTerminateAsync(state);
            Assert.Contains("First admin: user 'admin'", first, StringComparison.Ordinal);
            var password = await File.ReadAllTextAsync(Path.Combine(state, "secrets", "Jarvis__Admin__InitialPassword"));
            Assert.Contains(password, first, StringComparison.Ordinal);
            Assert.Contains("Dashboard:  http://127.0.0.1:", first, StringComparison.Ordinal);
            Assert.Contains("/login?t=", first, StringComparison.Ordinal);
            Assert.Contains("All 10 resources healthy after", first, StringComparison.Ordinal);
            Assert.Contains("Jarvis:     http://127.0.0.1:", first, StringComparison.Ordinal);

            var second = await RunUntilHealthyThenTerminateAsync(state);
            Assert.DoesNotContain("First admin", second, StringComparison.Ordinal);
            Assert.DoesNotContain(password, second, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    [Fact]
    public async Task After_kill_9_of_the_AppHost_nothing_is_left_running_and_the_next_start_needs_no_manual_step()
    {
        var state = JarvisTestApp.NewStateDirectory();
        try
        {
            IReadOnlyList<int> orphans;
            using (var crashed = AppHostProcess.Start(state))
            {
                await crashed.WaitHealthyAsync(StartTimeout);
                orphans = crashed.Descendants();
                Assert.True(orphans.Count >= 10, $"expected a process per resource, found {orphans.Count}");
                crashed.Signal(NativeSignal.SigKill);
                await crashed.WaitForExitAsync(CancellationToken.None);
            }

            // The orchestrator watches the AppHost and takes every process down with it.
            var watch = Stopwatch.StartNew();
            while (orphans.Any(AppHostProcess.IsAlive))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60),
                    $"still running {watch.Elapsed.TotalSeconds:0} s after the AppHost died: {string.Join(", ", orphans.Where(AppHostProcess.IsAlive))}");
                await Task.Delay(100);
            }

            using var again = AppHostProcess.Start(state);
            await again.WaitHealthyAsync(StartTimeout);
            var jarvis = new Uri((await again.LineAsync("Jarvis:     ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            using var http = new HttpClient { BaseAddress = jarvis };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    [Fact]
    public async Task A_resource_that_cannot_start_is_named_with_its_cause_at_once_and_the_AppHost_ends_non_zero()
    {
        var state = JarvisTestApp.NewStateDirectory();
        try
        {
            Directory.CreateDirectory(Path.Combine(state, "postgres", "data"));
            await File.WriteAllTextAsync(Path.Combine(state, "postgres", "data", "PG_VERSION"), "9\n");

            using var host = AppHostProcess.Start(state);
            using (var deadline = new CancellationTokenSource(StartTimeout))
            {
                await host.WaitForExitAsync(deadline.Token);
            }

            Assert.NotEqual(0, host.ExitCode);
            var output = host.Output;
            Assert.Contains("Jarvis cannot start: postgres-init", output, StringComparison.Ordinal);
            Assert.Contains("holds a PostgreSQL 9 cluster", output, StringComparison.Ordinal);
            Assert.DoesNotContain("resources healthy", output, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    private static async Task<string> RunUntilHealthyThenTerminateAsync(string state)
    {
        using var host = AppHostProcess.Start(state);
        await host.WaitHealthyAsync(StartTimeout);
        var processes = host.Descendants();
        Assert.True(processes.Count >= 10, $"expected a process per resource, found {processes.Count}");

        var watch = Stopwatch.StartNew();
        host.Signal(NativeSignal.SigTerm);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await host.WaitForExitAsync(deadline.Token);
        }

        while (processes.Any(AppHostProcess.IsAlive) && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        // How long stopping takes is measured by the startup benchmark (docs/benchmarks.md), not here.
        Assert.DoesNotContain(processes, AppHostProcess.IsAlive);
        Assert.Equal(0, host.ExitCode);
        return host.Output;
    }
}
