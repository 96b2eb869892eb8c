using System.Diagnostics;
using System.Runtime.InteropServices;
using Jarvis.AppHost.Dashboard;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// The running application: starts resources in dependency order once what they wait for is
/// healthy, supervises them, and stops them in reverse order. Tests drive it directly.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan ServiceStopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan InfrastructureStopTimeout = TimeSpan.FromSeconds(4);
    private readonly DistributedApplicationBuilder _builder;
    private readonly Dictionary<string, ResourceRunner> _runners;
    private DashboardServer? _dashboard;
    private bool _disposed;

    internal DistributedApplication(DistributedApplicationBuilder builder, IReadOnlyList<ExecutableResource> executables)
    {
        _builder = builder;
        _runners = executables.ToDictionary(r => r.Name, r => new ResourceRunner(r, builder.Context), StringComparer.OrdinalIgnoreCase);
    }

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        new(new DistributedApplicationOptions { Args = args });

    public DistributedApplicationOptions Options => _builder.Options;

    public IReadOnlyList<IResource> Model => _builder.Resources;

    public IReadOnlyCollection<ResourceRunner> Runners => _runners.Values;

    public SecretStore Secrets => _builder.Secrets;

    public Uri? DashboardUrl => _dashboard?.Url;

    public ResourceRunner Runner(string name) =>
        _runners.TryGetValue(name, out var runner) ? runner
        : Model.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is { } resource
            && _runners.TryGetValue(resource.Owner.Name, out var owner) ? owner
        : throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>Starts the named resources (all when none are named) and everything they wait for or reference.</summary>
    public async Task StartAsync(IEnumerable<string>? only = null, CancellationToken cancellationToken = default)
    {
        var selected = Closure(only?.ToList() is { Count: > 0 } names ? names.Select(Runner).ToList() : _runners.Values.ToList());
        foreach (var runner in selected)
        {
            runner.Request();
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.StartTimeout);
        var starts = selected.Select(r => StartWhenReadyAsync(r, timeout.Token)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var waiting = selected.Where(r => !r.Ready.IsCompletedSuccessfully).Select(r => $"{r.Resource.Name} ({r.State}, {r.Health})");
            throw new TimeoutException($"Not healthy after {Options.StartTimeout.TotalSeconds:0} s: {string.Join(", ", waiting)}. See .jarvis/logs/.");
        }
    }

    /// <summary>Runs until Ctrl+C or SIGTERM, then stops everything in reverse order.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });

        Secrets.Generated += (name, value) =>
        {
            if (name == "Jarvis__Admin__InitialPassword")
            {
                Console.WriteLine($"First admin: user 'admin', password '{value}' (shown once; kept in .jarvis/secrets/{name}).");
            }
        };

        if (Options.DashboardEnabled)
        {
            var dashboard = await StartDashboardAsync(stop.Token);
            Console.WriteLine($"Dashboard:  {dashboard.LoginUrl}");
        }

        var watch = Stopwatch.StartNew();
        try
        {
            await StartAsync(cancellationToken: stop.Token);
            Console.WriteLine($"All {_runners.Count} resources healthy after {watch.Elapsed.TotalSeconds:0.0} s.");
            foreach (var runner in _runners.Values.Where(r => r.Resource is Resources.ProjectResource { IsExternal: true }))
            {
                Console.WriteLine($"Jarvis:     {runner.Resource.PrimaryEndpoint()}");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
        {
            Console.Error.WriteLine($"Start incomplete: {ex.Message}");
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        Console.WriteLine("Stopping…");
        watch.Restart();
        await StopAsync();
        Console.WriteLine($"Stopped in {watch.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Serves the dashboard (127.0.0.1, <c>Dashboard:Port</c>, 18888 by default) until the app is disposed.</summary>
    public async Task<DashboardServer> StartDashboardAsync(CancellationToken cancellationToken = default)
    {
        if (_dashboard is null)
        {
            _dashboard = new DashboardServer(this, _builder.Configuration);
            await _dashboard.StartAsync(cancellationToken);
        }

        return _dashboard;
    }

    /// <summary>Stops services first, then what they depend on, tier by tier.</summary>
    public async Task StopAsync()
    {
        foreach (var tier in _runners.Values.GroupBy(r => Depth(r.Resource)).OrderByDescending(g => g.Key))
        {
            await Task.WhenAll(tier.Select(r => r.StopAsync(r.Resource is Resources.ProjectResource ? ServiceStopTimeout : InfrastructureStopTimeout)));
        }
    }

    public Task StopResourceAsync(string name) => Runner(name).StopAsync(ServiceStopTimeout);

    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        StartWhenReadyAsync(Runner(name), cancellationToken);

    public async Task RestartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(name);
        await StartResourceAsync(name, cancellationToken);
    }

    /// <summary>SIGKILL one replica, as a crash would; supervision brings it back.</summary>
    public void KillResource(string name, int replica = 0) => Runner(name).Replicas[replica].Kill();

    public async Task WaitForHealthyAsync(string name, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Runner(name).WaitForHealthyAsync(cts.Token);
    }

    public string GetConnectionString(string name) =>
        Model.OfType<IResourceWithConnectionString>().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.GetConnectionString()
        ?? throw new KeyNotFoundException($"No resource named '{name}' has a connection string.");

    public Uri GetEndpoint(string name, int replica = 0) => Runner(name).Resource.PrimaryEndpoint(replica).Url;

    public HttpClient CreateHttpClient(string name, int replica = 0) => new() { BaseAddress = GetEndpoint(name, replica) };

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync();
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }

        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }
    }

    private async Task StartWhenReadyAsync(ResourceRunner runner, CancellationToken cancellationToken)
    {
        runner.Request();
        foreach (var dependency in Dependencies(runner.Resource))
        {
            await Runner(dependency.Owner.Name).Ready.WaitAsync(cancellationToken);
        }

        await runner.StartAsync(cancellationToken);
    }

    private List<ResourceRunner> Closure(List<ResourceRunner> roots)
    {
        var result = new List<ResourceRunner>();
        var stack = new Stack<ResourceRunner>(roots);
        while (stack.TryPop(out var runner))
        {
            if (result.Contains(runner))
            {
                continue;
            }

            result.Add(runner);
            foreach (var dependency in Dependencies(runner.Resource))
            {
                stack.Push(Runner(dependency.Owner.Name));
            }
        }

        return result;
    }

    private static IEnumerable<IResource> Dependencies(IResource resource)
    {
        var references = resource is Resources.ProjectResource project
            ? project.ConnectionReferences.Cast<IResource>().Concat(project.ServiceReferences)
            : [];
        return resource.WaitsFor.Concat(references).Select(r => r.Owner).Distinct();
    }

    private static int Depth(IResource resource) =>
        Dependencies(resource).Select(d => Depth(d) + 1).DefaultIfEmpty(0).Max();
}
