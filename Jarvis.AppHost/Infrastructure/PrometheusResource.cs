using Aspire.Hosting.ApplicationModel;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// Prometheus from Debian's <c>prometheus</c> package. It scrapes every service replica: the targets
/// come from a file the AppHost rewrites whenever a replica's port changes (file-based discovery).
/// </summary>
public sealed class PrometheusResource(string name, string command, string workingDirectory, int port, string targetsFile)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string EndpointName = "http";

    public int Port { get; } = port;

    /// <summary>The file-based service discovery file Prometheus watches (JSON).</summary>
    public string TargetsFile { get; } = targetsFile;

    public EndpointReference Endpoint => new(this, EndpointName);
}
