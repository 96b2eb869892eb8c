using System.Diagnostics;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Keeps one process of a resource running: starts it, watches its health, and restarts it with
/// exponential backoff (100 ms × 2^n, capped) when it exits without being asked to.
/// </summary>
public sealed class ReplicaRunner(ExecutableResource resource, int index, HostContext context, ResourceLog log) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private Task? _loop;
    private CancellationTokenSource? _stopping;

    public int Index { get; } = index;

    public ResourceState State { get; private set; } = ResourceState.NotStarted;

    public HealthStatus Health { get; private set; } = HealthStatus.Unknown;

    public int? ProcessId { get; private set; }

    public int Restarts { get; private set; }

    public int? LastExitCode { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public IReadOnlyList<ResourceEndpoint> Endpoints => resource.Endpoints[Index];

    public void Start()
    {
        lock (_lock)
        {
            if (_loop is { IsCompleted: false })
            {
                return;
            }

            _stopping?.Dispose();
            _stopping = new CancellationTokenSource();
            _loop = Task.Run(() => SuperviseAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Asks the process to stop with the resource's signal (sent by the supervision loop, which owns the
    /// process, so a stop never races its exit or a restart); kills its process group after the timeout.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Task? loop;
        lock (_lock)
        {
            loop = _loop;
            _stopping?.Cancel();
        }

        if (loop is null)
        {
            return;
        }

        State = ResourceState.Stopping;
        try
        {
            await loop.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            log.Write(Index, $"did not stop within {timeout.TotalSeconds:0.#} s; killing it", isError: true);
            Kill();
            await loop;
        }

        State = ResourceState.Stopped;
    }

    /// <summary>SIGKILL, as a crash would; supervision restarts it.</summary>
    public void Kill()
    {
        if (ProcessId is { } pid)
        {
            UnixProcess.SignalGroup(pid, UnixProcess.SigKill);
        }
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            State = Restarts == 0 ? ResourceState.Starting : ResourceState.Restarting;
            Process process;
            try
            {
                process = ProcessLauncher.Start(resource.CreateProcess(Index, context));
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                log.Write(Index, $"failed to start: {ex.Message}", isError: true);
                State = ResourceState.Failed;
                return;
            }

            var pid = process.Id;
            ProcessId = pid;
            StartedAt = DateTimeOffset.UtcNow;
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.Write(Index, e.Data, isError: false); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Write(Index, e.Data, isError: true); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            log.Write(Index, $"started (pid {process.Id})", isError: false);

            using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var health = WatchHealthAsync(watching.Token);

            // Runs at once if the stop came while this process was being started.
            var stopSignal = stopping.Register(() => UnixProcess.SignalGroup(pid, resource.StopSignal));
            await process.WaitForExitAsync(CancellationToken.None);
            await stopSignal.DisposeAsync();
            await watching.CancelAsync();
            await health;

            LastExitCode = process.ExitCode;
            var ranFor = DateTimeOffset.UtcNow - StartedAt.Value;
            ProcessId = null;
            Health = HealthStatus.Unknown;
            process.Dispose();

            if (stopping.IsCancellationRequested)
            {
                log.Write(Index, $"stopped (exit code {LastExitCode})", isError: false);
                State = ResourceState.Stopped;
                return;
            }

            failures = ranFor > StableAfter ? 1 : failures + 1;
            var delay = Backoff(failures);
            Restarts++;
            State = ResourceState.Restarting;
            log.Write(Index, $"exited unexpectedly (exit code {LastExitCode}); restart {Restarts} in {delay.TotalMilliseconds:0} ms", isError: true);
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                State = ResourceState.Stopped;
                return;
            }
        }
    }

    /// <summary>100 ms × 2^(n-1), at most 10 s.</summary>
    public static TimeSpan Backoff(int consecutiveFailures)
    {
        var ms = 100 * Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(ms, MaxBackoff.TotalMilliseconds));
    }

    private async Task WatchHealthAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool healthy;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(3));
                healthy = await resource.IsHealthyAsync(Index, timeout.Token);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (OperationCanceledException)
            {
                healthy = false;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            Health = healthy ? HealthStatus.Healthy : (State == ResourceState.Running ? HealthStatus.Unhealthy : HealthStatus.Unknown);
            if (healthy)
            {
                State = ResourceState.Running;
            }

            try
            {
                await Task.Delay(healthy ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopping?.Dispose();
            _stopping = null;
        }
    }
}
