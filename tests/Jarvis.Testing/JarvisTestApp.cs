using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jarvis.Testing;

/// <summary>
/// A model running on Aspire (Aspire.Hosting.Testing) in a throwaway state directory with free ports:
/// the whole of Jarvis as its AppHost declares it, or a part a test describes. Also the one place for
/// fault injection: stop, start, restart and kill resources, and wait until they are healthy again.
/// </summary>
public sealed class JarvisTestApp : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private readonly DistributedApplication _app;
    private readonly bool _ownsStateDirectory;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, List<string>> _logs = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();

    private JarvisTestApp(DistributedApplication app, string stateDirectory, bool ownsStateDirectory)
    {
        _app = app;
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
    }

    public DistributedApplication App => _app;

    public string StateDirectory { get; }

    public JarvisContext Jarvis => _app.Services.GetRequiredService<JarvisContext>();

    public SecretStore Secrets => Jarvis.Secrets;

    public string RepositoryRoot => Jarvis.Layout.Root;

    public DistributedApplicationModel Model => _app.Services.GetRequiredService<DistributedApplicationModel>();

    private ResourceNotificationService Notifications => _app.Services.GetRequiredService<ResourceNotificationService>();

    private ReplicaDirectory Replicas => _app.Services.GetRequiredService<ReplicaDirectory>();

    /// <summary>A part of the model, described by <paramref name="describe"/>, started and healthy.</summary>
    public static Task<JarvisTestApp> StartAsync(Action<IDistributedApplicationBuilder> describe, params string[] args) =>
        StartAsync(describe, null, args);

    /// <summary>As <see cref="StartAsync(Action{IDistributedApplicationBuilder}, string[])"/>, in a state directory the caller keeps (null: a throwaway one).</summary>
    public static async Task<JarvisTestApp> StartAsync(Action<IDistributedApplicationBuilder> describe, string? stateDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(describe);
        var state = stateDirectory ?? NewStateDirectory();
        var builder = DistributedApplicationTestingBuilder.Create(
            [.. TestArgs(state), .. args],
            (options, _) => options.DisableDashboard = true);
        describe(builder);
        return await StartAsync(await builder.BuildAsync(), state, stateDirectory is null);
    }

    /// <summary>
    /// A builder with the test arguments, for tests of how the model is described (nothing is started). Made here:
    /// Aspire.Hosting.Testing finds the AppHost through the assembly that calls it, and this one references it.
    /// </summary>
    public static IDistributedApplicationTestingBuilder CreateBuilder(string state, params string[] args) =>
        DistributedApplicationTestingBuilder.Create([.. TestArgs(state), .. args], (options, _) => options.DisableDashboard = true);

    /// <summary>The whole of Jarvis, through the AppHost's own entry point.</summary>
    public static async Task<JarvisTestApp> StartJarvisAsync(params string[] args)
    {
        var state = NewStateDirectory();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync(JarvisHost.EntryPoint, [.. TestArgs(state), .. args],
            (options, _) => options.DisableDashboard = true);
        return await StartAsync(await builder.BuildAsync(), state, ownsStateDirectory: true);
    }

    /// <summary>The connection string a service would use, password included.</summary>
    public string GetConnectionString(string name) =>
        Resource(name) switch
        {
            ISecretConnectionString secret => secret.GetSecretConnectionString(),
            IResourceWithConnectionString other => other.ConnectionStringExpression.GetValueAsync(default).AsTask().GetAwaiter().GetResult()
                ?? throw new InvalidOperationException($"'{name}' has no connection string yet."),
            _ => throw new KeyNotFoundException($"No resource named '{name}' has a connection string."),
        };

    public T Resource<T>(string name) where T : IResource => (T)Resource(name);

    public IResource Resource(string name) =>
        Model.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No resource named '{name}'.");

    /// <summary>The address of one replica of a service (its own port, not the proxy's), or of an infrastructure resource.</summary>
    public Uri GetEndpoint(string name, int replica = 0)
    {
        if (Resource(name) is ProjectResource)
        {
            var replicas = Replicas.Replicas(name);
            return replica < replicas.Count && replicas[replica].HttpPort is { } port
                ? new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}")
                : throw new InvalidOperationException($"Replica {replica} of '{name}' has no port yet.");
        }

        return _app.GetEndpoint(name);
    }

    /// <summary>A named endpoint other than <c>http</c> (e.g. the plugin service's <c>grpc</c>).</summary>
    public Uri GetEndpoint(string name, string endpointName) => _app.GetEndpoint(name, endpointName);

    public HttpClient CreateHttpClient(string name, int replica = 0) => new() { BaseAddress = GetEndpoint(name, replica) };

    /// <summary>The process the orchestrator started for one replica (for a service, <c>dotnet run</c>).</summary>
    public int ProcessId(string name, int replica = 0) =>
        Replicas.Replicas(name).ElementAtOrDefault(replica)?.ProcessId
        ?? throw new InvalidOperationException($"Replica {replica} of '{name}' has no process.");

    /// <summary>How often the AppHost's supervision restarted one replica.</summary>
    public int Restarts(string name, int replica = 0) =>
        _app.Services.GetRequiredService<Supervisor>().Restarts(Replicas.Replicas(name)[replica].ResourceId);

    /// <summary>How many lines a resource has logged so far (console output of every replica), for <see cref="LogSince"/>.</summary>
    public int LogMark(string name)
    {
        var lines = _logs.GetOrAdd(name, _ => []);
        lock (lines)
        {
            return lines.Count;
        }
    }

    /// <summary>What a resource logged after <paramref name="mark"/>.</summary>
    public string LogSince(string name, int mark)
    {
        var lines = _logs.GetOrAdd(name, _ => []);
        lock (lines)
        {
            return string.Join('\n', lines.Skip(mark));
        }
    }

    /// <summary>Stops every replica as an operator would (the dashboard's Stop): it stays stopped.</summary>
    public async Task StopResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var replica in Replicas.Replicas(name))
        {
            // The orchestrator gives up asking after a few quick tries when a process takes its time to
            // exit (a busy machine); what counts is that it ends, so wait for that.
            var result = await _app.Services.GetRequiredService<ResourceCommandService>()
                .ExecuteCommandAsync(replica.ResourceId, KnownResourceCommands.StopCommand, cancellationToken);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(StopTimeout);
            try
            {
                await WaitForInstanceAsync(replica.ResourceId, e => IsStopped(e.Snapshot.State?.Text), cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{replica.ResourceId} did not stop within {StopTimeout.TotalSeconds:0} s ({result.Message}).");
            }
        }
    }

    private async Task WaitForInstanceAsync(string resourceId, Func<ResourceEvent, bool> predicate, CancellationToken cancellationToken)
    {
        if (Notifications.TryGetCurrentState(resourceId, out var current) && predicate(current))
        {
            return;
        }

        await foreach (var change in Notifications.WatchAsync(cancellationToken))
        {
            if (change.ResourceId == resourceId && predicate(change))
            {
                return;
            }
        }
    }

    private static bool IsStopped(string? state) =>
        state == KnownResourceStates.Finished || state == KnownResourceStates.Exited || state == "Terminated" || state == KnownResourceStates.FailedToStart;

    /// <summary>Starts every replica again and waits until the resource is healthy.</summary>
    public async Task StartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        var since = DateTime.UtcNow;
        foreach (var replica in Replicas.Replicas(name))
        {
            await ExecuteAsync(replica.ResourceId, KnownResourceCommands.StartCommand, cancellationToken);
        }

        await WaitForHealthyAsync(name, StartTimeout, since);
    }

    public async Task RestartResourceAsync(string name, CancellationToken cancellationToken = default)
    {
        await StopResourceAsync(name, cancellationToken);
        await StartResourceAsync(name, cancellationToken);
    }

    /// <summary>SIGKILL one replica's processes, as a crash would; the AppHost's supervision brings it back.</summary>
    public void KillResource(string name, int replica = 0) => ProcessTree.Kill(ProcessId(name, replica));

    /// <summary>Waits until the resource runs and its health checks pass (after <paramref name="since"/>, when given).</summary>
    public async Task WaitForHealthyAsync(string name, TimeSpan timeout, DateTime? since = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await Notifications.WaitForResourceAsync(name, e =>
                e.Snapshot.State?.Text == KnownResourceStates.Running
                && e.Snapshot.HealthStatus == HealthStatus.Healthy
                && (since is null || e.Snapshot.StartTimeStamp is null || e.Snapshot.StartTimeStamp >= since.Value.AddSeconds(-1)), cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"'{name}' was not healthy within {timeout.TotalSeconds:0} s: {Describe(name)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsStateDirectory)
        {
            TestDirectories.Delete(StateDirectory);
        }
    }

    private static async Task<JarvisTestApp> StartAsync(DistributedApplication app, string state, bool ownsStateDirectory)
    {
        var test = new JarvisTestApp(app, state, ownsStateDirectory);
        foreach (var resource in test.Model.Resources.Where(r => r is ProjectResource or ExecutableResource))
        {
            _ = test.FollowLogAsync(resource);
        }

        try
        {
            using var cts = new CancellationTokenSource(StartTimeout);
            await app.StartAsync(cts.Token);
            var report = app.Services.GetRequiredService<StartReport>();
            var resources = test.Model.Resources.Where(StartReport.IsJarvisResource).Select(r => r.Name).ToList();
            var healthy = Task.WhenAll(resources.Select(r => test.WaitForHealthyAsync(r, StartTimeout)));
            if (await Task.WhenAny(healthy, report.Failure) == report.Failure)
            {
                throw new InvalidOperationException($"The model could not start: {await report.Failure}");
            }

            await healthy;
            return test;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // What each resource was doing when the start gave up, so a failure in CI explains itself.
            var report = test.Describe();
            await test.DisposeAsync();
            throw new TimeoutException($"The model did not start within {StartTimeout.TotalSeconds:0} s.\n{report}", ex);
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    /// <summary>Every resource's state, health and last log lines.</summary>
    public string Describe()
    {
        var text = new System.Text.StringBuilder();
        foreach (var resource in Model.Resources.Where(r => r is ProjectResource or ExecutableResource))
        {
            foreach (var replica in Replicas.Replicas(resource.Name).DefaultIfEmpty())
            {
                text.Append(CultureInfo.InvariantCulture, $"{resource.Name}: {replica?.State ?? "(no state)"}, health {replica?.Snapshot.HealthStatus?.ToString() ?? "unknown"}");
                if (replica?.Snapshot.ExitCode is { } code)
                {
                    text.Append(CultureInfo.InvariantCulture, $", exit code {code}");
                }

                text.AppendLine();
            }

            foreach (var line in LogSince(resource.Name, 0).Split('\n').TakeLast(8))
            {
                text.Append("    ").AppendLine(line);
            }
        }

        return text.ToString();
    }

    private async Task FollowLogAsync(IResource resource)
    {
        var lines = _logs.GetOrAdd(resource.Name, _ => []);
        try
        {
            await foreach (var batch in _app.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource).WithCancellation(_stopping.Token))
            {
                lock (lines)
                {
                    lines.AddRange(batch.Select(l => l.Content));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ExecuteAsync(string resourceId, string command, CancellationToken cancellationToken)
    {
        var result = await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resourceId, command, cancellationToken);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{command} {resourceId} failed: {result.Message}");
        }
    }

    private string Describe(string name) =>
        string.Join(", ", Replicas.Replicas(name).Select(r => $"{r.ResourceId} {r.State} {r.Snapshot.HealthStatus}"));

    /// <summary>The arguments every test model gets: its state directory, test tuning, a free gateway port.</summary>
    public static string[] TestArgs(string state) =>
        [$"--{RepositoryLayout.StateDirectoryKey}={state}", $"--{JarvisContext.TestingKey}=true", "--Gateway:Port=0"];

    public static string NewStateDirectory() =>
        Path.Combine(Path.GetTempPath(), "jarvis-test-" + Guid.NewGuid().ToString("N")[..12]);
}
