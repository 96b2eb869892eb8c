using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// The lines the AppHost prints and scripts read: the first admin's password (first run only), the
/// dashboard's login link, where devices connect over MQTT (when configured), <c>All N resources healthy after X s.</c> and Jarvis's address. A resource
/// that cannot start is named at once with its cause; outside tests the AppHost then ends with exit code 1.
/// </summary>
public sealed partial class StartReport(
    ResourceNotificationService notifications,
    ResourceLoggerService logs,
    DistributedApplicationModel model,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    JarvisContext jarvis) : BackgroundService
{
    private const int TailLines = 12;
    private const string DashboardResourceName = "aspire-dashboard";
    private readonly ConcurrentDictionary<string, Queue<string>> _tails = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The first resource that could not start and why, once known.</summary>
    public Task<string> Failure => _failure.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        var resources = model.Resources.Where(IsJarvisResource).ToList();
        foreach (var resource in model.Resources.Where(r => IsJarvisResource(r) || r is PostgresInitResource))
        {
            _ = FollowLogAsync(resource, stoppingToken);
        }

        _ = WatchForFailuresAsync(stoppingToken);

        if (configuration["AppHost:BrowserToken"] is { Length: > 0 } token
            && configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault() is { Length: > 0 } configured)
        {
            Console.WriteLine($"Dashboard:  {await DashboardAddressAsync(configured, stoppingToken)}/login?t={token}");
        }

        // Where devices connect, and where the password is kept (never the password itself).
        foreach (var announcement in model.Resources.OfType<IStartAnnouncement>().Select(r => r.Announcement).OfType<string>())
        {
            Console.WriteLine(announcement);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(configuration.GetValue("Jarvis:StartTimeoutSeconds", 180)));
        var healthy = Task.WhenAll(resources.Select(r => notifications.WaitForResourceHealthyAsync(r.Name, timeout.Token)));
        try
        {
            var first = await Task.WhenAny(healthy, _failure.Task);
            if (first == healthy)
            {
                await healthy;
                Console.WriteLine($"All {resources.Count} resources healthy after {watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                foreach (var project in model.Resources.OfType<ProjectResource>())
                {
                    if (project.Annotations.OfType<JarvisServiceAnnotation>().SingleOrDefault()?.PublicPort is not null
                        && project.GetEndpoint(ServiceBuilderExtensions.HttpEndpointName) is { IsAllocated: true } endpoint)
                    {
                        Console.WriteLine($"Jarvis:     http://127.0.0.1:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}");
                    }
                }

                return;
            }

            Fail(await _failure.Task);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var waiting = resources.Where(r => !IsHealthy(r)).Select(r => r.Name);
            Fail($"Not healthy after {watch.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s: {string.Join(", ", waiting)}.");
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The services and the infrastructure they run on; not one-shot steps, nor Aspire's own helpers.</summary>
    public static bool IsJarvisResource(IResource resource) =>
        resource is ProjectResource project
            ? project.Annotations.OfType<JarvisServiceAnnotation>().Any()
            : resource.GetType().Namespace == typeof(PostgresServerResource).Namespace && resource is not PostgresInitResource;

    /// <summary>The configured address, or with port 0 the one the dashboard got.</summary>
    private async Task<string> DashboardAddressAsync(string configured, CancellationToken cancellationToken)
    {
        var address = new Uri(configured);
        if (address.Port != 0 || model.Resources.FirstOrDefault(r => r.Name == DashboardResourceName) is not IResourceWithEndpoints dashboard)
        {
            return configured.TrimEnd('/');
        }

        await notifications.WaitForResourceAsync(DashboardResourceName, KnownResourceStates.Running, cancellationToken);
        var endpoint = dashboard.GetEndpoints().First(e => e.IsAllocated);
        return $"{address.Scheme}://{address.Host}:{endpoint.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private bool IsHealthy(IResource resource) =>
        notifications.TryGetCurrentState(resource.Name, out var e) && e.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    private void Fail(string message)
    {
        Console.Error.WriteLine($"Jarvis cannot start: {message}");
        if (!jarvis.Testing)
        {
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task WatchForFailuresAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                var state = change.Snapshot.State?.Text;
                var failed = state == KnownResourceStates.FailedToStart
                    || (change.Resource is PostgresInitResource && state == KnownResourceStates.Finished && change.Snapshot.ExitCode is not (null or 0));
                if (!failed || _failure.Task.IsCompleted)
                {
                    continue;
                }

                // The log (and a failed dependency's state) reach the watcher a moment after this state.
                await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
                var origin = RootCause(change);
                var cause = origin.Resource.Annotations.OfType<MissingBinaryAnnotation>().FirstOrDefault()?.Advice ?? Tail(origin.Resource.Name);
                _failure.TrySetResult($"{origin.Resource.Name} ({origin.Snapshot.State?.Text}{(origin.Snapshot.ExitCode is { } code ? $", exit code {code}" : "")}): {cause}");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A resource that failed because what it waits for failed: name what failed first.</summary>
    private ResourceEvent RootCause(ResourceEvent failed)
    {
        foreach (var wait in failed.Resource.Annotations.OfType<WaitAnnotation>())
        {
            if (notifications.TryGetCurrentState(wait.Resource.Name, out var dependency)
                && (dependency.Snapshot.State?.Text == KnownResourceStates.FailedToStart
                    || (dependency.Snapshot.State?.Text == KnownResourceStates.Finished && dependency.Snapshot.ExitCode is not (null or 0))))
            {
                return RootCause(dependency);
            }
        }

        return failed;
    }

    private string Tail(string resource) =>
        _tails.TryGetValue(resource, out var lines) && lines.Count > 0
            ? Environment.NewLine + string.Join(Environment.NewLine, lines.ToArray().Select(l => "    " + l))
            : "see its console log on the dashboard.";

    // The orchestrator's own lines about starting a process say nothing of why it failed.
    private static bool IsOrchestratorNoise(string line) =>
        line.Contains("[sys] ", StringComparison.Ordinal) || line.Contains("No custom certificate authorities", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T[\d:.]+Z ")]
    private static partial System.Text.RegularExpressions.Regex WithoutTimestamp();

    private async Task FollowLogAsync(IResource resource, CancellationToken cancellationToken)
    {
        var lines = _tails.GetOrAdd(resource.Name, _ => new Queue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resource).WithCancellation(cancellationToken))
            {
                lock (lines)
                {
                    foreach (var line in batch.Where(l => !IsOrchestratorNoise(l.Content)))
                    {
                        lines.Enqueue(WithoutTimestamp().Replace(line.Content, ""));
                        while (lines.Count > TailLines)
                        {
                            lines.Dequeue();
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
