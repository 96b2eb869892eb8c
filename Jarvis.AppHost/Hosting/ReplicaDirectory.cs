using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Follows every resource instance the orchestrator reports and keeps what scripts and Prometheus
/// read in step with it: <c>.jarvis/ports.json</c> (each resource's port, each replica as
/// <c>&lt;name&gt;-&lt;i&gt;</c>) and Prometheus's target file (every service replica's metrics port).
/// </summary>
public sealed partial class ReplicaDirectory(
    ResourceNotificationService notifications,
    DistributedApplicationModel model,
    JarvisContext jarvis,
    ILogger<ReplicaDirectory> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly ConcurrentDictionary<string, ReplicaSnapshot> _instances = new(StringComparer.Ordinal);
    private string _written = "";
    private string _targetsWritten = "";

    /// <summary>The instances of <paramref name="resourceName"/>, in a stable order: index i is replica i.</summary>
    public IReadOnlyList<ReplicaSnapshot> Replicas(string resourceName) =>
        [.. _instances.Values
            .Where(r => string.Equals(r.Resource.Name, resourceName, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.ResourceId, StringComparer.Ordinal)];

    /// <summary>One instance by the orchestrator's id (a replica's resource name, as commands receive it).</summary>
    public ReplicaSnapshot? Instance(string resourceId) => _instances.GetValueOrDefault(resourceId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                _instances[change.ResourceId] = new ReplicaSnapshot(change.Resource, change.ResourceId, change.Snapshot);
                Write();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Write()
    {
        var ports = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var targets = new List<object>();
        foreach (var resource in model.Resources.OfType<IResourceWithEndpoints>())
        {
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.AllocatedEndpoint is not null))
            {
                var key = endpoint.Name is ServiceBuilderExtensions.HttpEndpointName or "tcp" or "mqtt" ? resource.Name : $"{resource.Name}-{endpoint.Name}";
                ports[key] = endpoint.AllocatedEndpoint!.Port;
            }

            if (resource is not ProjectResource project)
            {
                continue;
            }

            var replicas = Replicas(project.Name);
            for (var i = 0; i < replicas.Count; i++)
            {
                var replica = replicas[i];
                var index = i.ToString(CultureInfo.InvariantCulture);
                if (replica.HttpPort is { } http)
                {
                    ports[$"{project.Name}-{index}"] = http;
                }

                var metrics = int.TryParse(replica.Variable(ServiceBuilderExtensions.ManagementPortVariable), CultureInfo.InvariantCulture, out var management)
                    ? management
                    : replica.HttpPort;
                if (metrics is { } port)
                {
                    targets.Add(new
                    {
                        targets = new[] { $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
                        labels = new Dictionary<string, string> { ["job"] = project.Name, ["replica"] = index },
                    });
                }
            }
        }

        try
        {
            var json = JsonSerializer.Serialize(ports, Indented);
            if (json != _written)
            {
                Replace(jarvis.Layout.State("ports.json"), json);
                _written = json;
            }

            if (model.Resources.OfType<PrometheusResource>().FirstOrDefault() is { } prometheus)
            {
                var targetJson = JsonSerializer.Serialize(targets, Indented);
                if (targetJson != _targetsWritten && Directory.Exists(Path.GetDirectoryName(prometheus.TargetsFile)))
                {
                    Replace(prometheus.TargetsFile, targetJson);
                    _targetsWritten = targetJson;
                }
            }
        }
        catch (IOException ex)
        {
            LogWriteFailed(logger, ex);
        }
    }

    private static void Replace(string path, string content)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, content);
        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.Move(temp, path, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write ports.json or Prometheus's targets.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
