namespace Jarvis.AppHost.Hosting;

/// <summary>A resource the AppHost runs as one or more supervised processes.</summary>
public abstract class ExecutableResource(string name) : IResource
{
    public string Name { get; } = name;

    public abstract string Kind { get; }

    public IList<IResource> WaitsFor { get; } = [];

    /// <summary>How many instances run (<c>WithReplicas</c>).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Extra environment for every replica (<c>WithEnvironment</c>).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The endpoints of each replica, assigned when the application is built.</summary>
    public IReadOnlyList<IReadOnlyList<ResourceEndpoint>> Endpoints { get; private set; } = [];

    /// <summary>The signal that asks the process to shut down cleanly.</summary>
    public virtual int StopSignal => UnixProcess.SigTerm;

    /// <summary>Fails fast, naming the Debian package, when a binary is missing.</summary>
    public abstract void Validate();

    public void AssignEndpoints(HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Endpoints = Enumerable.Range(0, Replicas).Select(i => CreateEndpoints(i, context)).ToList();
    }

    protected abstract IReadOnlyList<ResourceEndpoint> CreateEndpoints(int replica, HostContext context);

    /// <summary>Writes configuration and initialises data before the first process starts.</summary>
    public virtual Task PrepareAsync(HostContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract ProcessSpec CreateProcess(int replica, HostContext context);

    public abstract Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken);

    /// <summary>Runs once the resource is first healthy (create databases, roles).</summary>
    public virtual Task OnHealthyAsync(HostContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    public ResourceEndpoint PrimaryEndpoint(int replica = 0) => Endpoints[replica][0];
}
