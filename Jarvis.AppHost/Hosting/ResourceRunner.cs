namespace Jarvis.AppHost.Hosting;

/// <summary>Runs every replica of one resource and tells when the resource as a whole is ready.</summary>
public sealed class ResourceRunner : IDisposable
{
    private readonly HostContext _context;
    private TaskCompletionSource _ready = NewReady();
    private bool _initialised;

    public ResourceRunner(ExecutableResource resource, HostContext context)
    {
        Resource = resource;
        _context = context;
        Log = new ResourceLog(context.Layout.LogsDirectory, resource.Name);
        Replicas = Enumerable.Range(0, resource.Replicas).Select(i => new ReplicaRunner(resource, i, context, Log)).ToList();
    }

    public ExecutableResource Resource { get; }

    public IReadOnlyList<ReplicaRunner> Replicas { get; }

    public ResourceLog Log { get; }

    public string? Error { get; private set; }

    public bool Requested { get; private set; }

    public ResourceState State
    {
        get
        {
            var states = Replicas.Select(r => r.State).ToList();
            if (Error is not null || states.Contains(ResourceState.Failed))
            {
                return ResourceState.Failed;
            }

            foreach (var busy in new[] { ResourceState.Stopping, ResourceState.Restarting, ResourceState.Starting })
            {
                if (states.Contains(busy))
                {
                    return busy;
                }
            }

            if (states.All(s => s == ResourceState.Running))
            {
                return ResourceState.Running;
            }

            if (states.All(s => s == ResourceState.NotStarted))
            {
                return Requested ? ResourceState.Waiting : ResourceState.NotStarted;
            }

            return states.Contains(ResourceState.Running) ? ResourceState.Running : ResourceState.Stopped;
        }
    }

    public HealthStatus Health =>
        Replicas.All(r => r.Health == HealthStatus.Healthy) ? HealthStatus.Healthy
        : Replicas.Any(r => r.Health == HealthStatus.Unhealthy) ? HealthStatus.Unhealthy
        : HealthStatus.Unknown;

    public int Restarts => Replicas.Sum(r => r.Restarts);

    /// <summary>Completes when every replica is healthy and first-start work (databases, roles) is done.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Marks the resource as wanted, so the dashboard shows it waiting for its dependencies.</summary>
    public void Request() => Requested = true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Requested = true;
        Error = null;
        try
        {
            await Resource.PrepareAsync(_context, cancellationToken);
            foreach (var replica in Replicas)
            {
                replica.Start();
            }

            await WaitForHealthyAsync(cancellationToken);
            if (!_initialised)
            {
                await Resource.OnHealthyAsync(_context, cancellationToken);
                _initialised = true;
            }

            _ready.TrySetResult();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = ex.Message;
            Log.Write(0, $"failed: {ex.Message}", isError: true);
            _ready.TrySetException(ex);
            throw;
        }
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        Requested = false;
        await Task.WhenAll(Replicas.Select(r => r.StopAsync(timeout)));
        if (_ready.Task.IsCompleted)
        {
            _ready = NewReady();
        }
    }

    public async Task WaitForHealthyAsync(CancellationToken cancellationToken)
    {
        while (Health != HealthStatus.Healthy)
        {
            if (Replicas.Any(r => r.State == ResourceState.Failed))
            {
                // Say why right here: a test's or a newcomer's first question.
                var lastErrors = Log.Buffer.After(0, int.MaxValue).Where(l => l.IsError).TakeLast(5).Select(l => l.Text);
                throw new InvalidOperationException(
                    $"{Resource.Name} failed to start; its last errors: {string.Join(" | ", lastErrors)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var replica in Replicas)
        {
            replica.Dispose();
        }

        Log.Dispose();
    }

    private static TaskCompletionSource NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
