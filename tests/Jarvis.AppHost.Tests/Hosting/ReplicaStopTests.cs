using Jarvis.AppHost.Hosting;
using Jarvis.Testing;

namespace Jarvis.AppHost.Tests.Hosting;

/// <summary>A stop must end the process whatever the supervision loop is doing at that moment.</summary>
public sealed class ReplicaStopTests : IDisposable
{
    private readonly DistributedApplicationBuilder _builder = Jarvis.AppHost.Testing.DistributedApplicationTestingBuilder.Create();
    private readonly ResourceLog _log;

    public ReplicaStopTests()
    {
        Directory.CreateDirectory(_builder.Options.Layout.LogsDirectory);
        _log = new ResourceLog(_builder.Options.Layout.LogsDirectory, "shell");
    }

    [Fact]
    public async Task A_stop_that_comes_while_the_process_is_being_started_still_stops_it()
    {
        // Before the fix the signal went to the process StopAsync saw; a stop while the loop was starting
        // one saw none, sent nothing, and waited for a process that kept running. The stop comes 0 to 6 ms
        // after the start, which sweeps the few milliseconds a fork and exec take.
        for (var i = 0; i < 30; i++)
        {
            using var runner = new ReplicaRunner(new ShellResource("shell", "exec sleep 60"), 0, _builder.Context, _log);
            runner.Start();
            var wait = System.Diagnostics.Stopwatch.StartNew();
            while (wait.Elapsed < TimeSpan.FromMilliseconds(i * 0.2))
            {
                Thread.SpinWait(10);
            }

            await runner.StopAsync(TimeSpan.FromSeconds(30)).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(ResourceState.Stopped, runner.State);
            Assert.Null(runner.ProcessId);
        }
    }

    [Fact]
    public async Task A_process_that_exits_at_once_on_the_stop_signal_is_stopped_without_error()
    {
        // The loop reaps an exited process and disposes it. Before the fix StopAsync waited on the
        // Process object it had read before signalling, and when the loop disposed it first the wait threw
        // "No process is associated with this object" (seen in CI under load). Sixteen replicas stopped at
        // once, ten times over, make that ordering likely; the fixed code has no such window.
        for (var round = 0; round < 10; round++)
        {
            var runners = Enumerable.Range(0, 16)
                .Select(i => new ReplicaRunner(new ShellResource("shell", "exec sleep 60"), i, _builder.Context, _log))
                .ToList();
            try
            {
                runners.ForEach(r => r.Start());
                var pids = await Task.WhenAll(runners.Select(StartedAsync));
                await Task.WhenAll(runners.Select(r => r.StopAsync(TimeSpan.FromSeconds(30)))).WaitAsync(TimeSpan.FromSeconds(20));
                Assert.All(runners, r => Assert.Equal(ResourceState.Stopped, r.State));
                Assert.All(runners, r => Assert.Equal(143, r.LastExitCode));
                Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}")));
            }
            finally
            {
                runners.ForEach(r => r.Dispose());
            }
        }
    }

    [Fact]
    public async Task A_process_that_ignores_the_stop_signal_is_killed_after_the_timeout()
    {
        using var runner = new ReplicaRunner(new ShellResource("shell", "trap '' TERM; while :; do sleep 0.01; done"), 0, _builder.Context, _log);
        runner.Start();
        var pid = await StartedAsync(runner);
        await Task.Delay(200); // lets sh install its trap
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await runner.StopAsync(TimeSpan.FromMilliseconds(500)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(450), $"stopped after {watch.Elapsed}, before the timeout");
        Assert.Equal(ResourceState.Stopped, runner.State);
        Assert.Equal(137, runner.LastExitCode);
        Assert.False(Directory.Exists($"/proc/{pid}"));
    }

    private static async Task<int> StartedAsync(ReplicaRunner runner)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (runner.ProcessId is { } pid)
            {
                return pid;
            }

            await Task.Delay(5, deadline.Token);
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        TestDirectories.Delete(_builder.Options.Layout.StateDirectory);
    }
}
