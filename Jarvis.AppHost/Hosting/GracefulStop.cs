using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Asks every service to stop before the orchestrator does. The orchestrator ends a project by
/// sending SIGINT to its <c>dotnet run</c>, which leaves SIGINT to the terminal's process group and
/// so never passes it on: the service kept running until the orchestrator's kill some 10 s later, and
/// a Stop from the dashboard failed. <c>dotnet run</c> does pass SIGTERM on, so each service gets its
/// graceful shutdown (about a second) first, here for the whole model and in
/// <see cref="GracefulStopCommands"/> for one resource.
/// </summary>
public sealed partial class GracefulStop(
    DistributedApplicationModel model,
    ReplicaDirectory replicas,
    ILogger<GracefulStop> logger) : IHostedLifecycleService
{
    /// <summary>How long services have, together, before the orchestrator's own stop goes on.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    /// <summary>Sends SIGTERM to each process and waits until all are gone or <see cref="Deadline"/> passed; returns how many are left.</summary>
    public static async Task<int> TerminateAsync(IEnumerable<int> processIds, CancellationToken cancellationToken)
    {
        var running = processIds.Where(pid => UnixProcess.Signal(pid, UnixProcess.SigTerm)).ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            running.RemoveAll(pid => !UnixProcess.IsAlive(pid));
            while (running.Count > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
                running.RemoveAll(pid => !UnixProcess.IsAlive(pid));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return running.Count;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var services = model.Resources.OfType<ProjectResource>()
            .SelectMany(project => replicas.Replicas(project.Name))
            .Where(replica => replica.State == KnownResourceStates.Running)
            .Select(replica => replica.ProcessId)
            .OfType<int>();
        if (await TerminateAsync(services, cancellationToken) is var left and > 0)
        {
            LogStillRunning(logger, left, Deadline.TotalSeconds);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} services were still stopping after {Seconds} s; the orchestrator stops them.")]
    private static partial void LogStillRunning(ILogger logger, int count, double seconds);
}
