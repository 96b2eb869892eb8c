using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Tests.Hosting;

/// <summary>A resource that runs one <c>sh -c</c> script: a real process for supervision tests, with no endpoint.</summary>
internal sealed class ShellResource(string name, string script) : ExecutableResource(name)
{
    public override string Kind => "shell";

    public override void Validate()
    {
    }

    public override ProcessSpec CreateProcess(int replica, HostContext context) =>
        new() { FileName = "/bin/sh", Arguments = ["-c", script] };

    public override Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken) => Task.FromResult(true);

    protected override IReadOnlyList<ResourceEndpoint> CreateEndpoints(int replica, HostContext context) => [];
}
