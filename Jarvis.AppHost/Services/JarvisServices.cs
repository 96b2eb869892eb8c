using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;

namespace Jarvis.AppHost.Services;

/// <summary>
/// How each service is wired: what it references and waits for. The AppHost's model and the tests'
/// partial models call the same methods, so a new dependency is wired in one place.
/// </summary>
public static class JarvisServices
{
    public static IResourceBuilder<ProjectResource> AddChat(this IDistributedApplicationBuilder builder,
        IResourceBuilder<PostgresDatabaseResource> database, IResourceBuilder<RedisResource> redis) =>
        builder.AddProject<Projects.Jarvis_Chat>("chat")
            .WithJarvisDefaults()
            .WithReference(database)
            .WithReference(redis)
            .WithSecret(JarvisContext.AdminPasswordSecret)
            .WaitFor(database)
            .WaitFor(redis);

    /// <summary>
    /// The plugin sandbox; its gRPC endpoint is <c>services__plugins__grpc__0</c> to those that reference it.
    /// With <paramref name="automation"/>, <c>jarvis.mqtt.publish</c> reaches its <c>grpc</c> endpoint
    /// (<c>services__automation__grpc__0</c>); without, a publish fails with a clear error. Plugins do not
    /// wait for automation: they serve without it, and a publish while it is away is that same error.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPlugins(this IDistributedApplicationBuilder builder,
        IResourceBuilder<PostgresDatabaseResource> database, string? pluginsDirectory = null, IResourceBuilder<ProjectResource>? automation = null)
    {
        var plugins = builder.AddProject<Projects.Jarvis_Plugins>("plugins")
            .WithJarvisDefaults()
            .WithGrpcEndpoint("grpc", "Plugins__GrpcPort")
            .WithReference(database)
            .WithEnvironment("Plugins__Directory", pluginsDirectory
                ?? Environment.GetEnvironmentVariable("Plugins__Directory")
                ?? Path.Combine(JarvisContext.Of(builder).Layout.Root, "plugins"))
            .WaitFor(database);
        return automation is null ? plugins : plugins.WithReference(automation);
    }

    /// <summary>
    /// Devices over MQTT. The replicas each learn how many there are (<c>Automation__Replicas</c>), so that with
    /// more than one they share the MQTT state topics instead of each handling every message; its gRPC endpoint
    /// (MQTT publishing for other services) is <c>services__automation__grpc__0</c> to those that reference it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddAutomation(this IDistributedApplicationBuilder builder,
        IResourceBuilder<PostgresDatabaseResource> database, IResourceBuilder<IResourceWithConnectionString> mqtt, IResourceBuilder<RedisResource> redis)
    {
        var replicas = builder.Configuration.GetValue("Automation:Replicas", 1);
        return builder.AddProject<Projects.Jarvis_Automation>("automation")
            .WithJarvisDefaults()
            .WithGrpcEndpoint("grpc", "Automation__GrpcPort")
            .WithReplicas(replicas)
            .WithEnvironment("Automation__Replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithReference(database)
            .WithReference(mqtt)
            .WithReference(redis)
            .WaitFor(database)
            .WaitFor(mqtt)
            .WaitFor(redis);
    }

    /// <summary>
    /// The monitor. Its built-in checks follow its references: PostgreSQL, the broker and Redis by connection string,
    /// each referenced service's <c>/health</c> (<see cref="WatchedBy"/>) and Prometheus. <c>Monitor:Replicas</c> starts
    /// several (each learns the count as <c>Monitor__Replicas</c>); one of them leads, records history and alerts.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddMonitor(this IDistributedApplicationBuilder builder,
        IResourceBuilder<PostgresDatabaseResource> database, IResourceBuilder<IResourceWithConnectionString> mqtt, IResourceBuilder<RedisResource>? redis = null)
    {
        var replicas = builder.Configuration.GetValue("Monitor:Replicas", 1);
        var monitor = builder.AddProject<Projects.Jarvis_Monitor>("monitor")
            .WithJarvisDefaults()
            .WithReplicas(replicas)
            .WithEnvironment("Monitor__Replicas", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithReference(database)
            .WithReference(mqtt)
            .WaitFor(database)
            .WaitFor(mqtt);
        return redis is null ? monitor : monitor.WithReference(redis).WaitFor(redis);
    }

    /// <summary>The monitor checks these services' <c>/health</c> (and Prometheus's targets), each as a built-in check.</summary>
    public static IResourceBuilder<ProjectResource> WatchedBy(this IResourceBuilder<ProjectResource> monitor,
        IResourceBuilder<PrometheusResource>? prometheus, params IResourceBuilder<ProjectResource>[] services)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        foreach (var service in services)
        {
            monitor.WithReference(service);
        }

        return prometheus is null ? monitor : monitor.WithReference(prometheus.Resource.Endpoint);
    }

    /// <summary>The only public endpoint, on <c>Gateway:Port</c> (8080 by default).</summary>
    public static IResourceBuilder<ProjectResource> AddGateway(this IDistributedApplicationBuilder builder, IResourceBuilder<RedisResource> redis) =>
        builder.AddProject<Projects.Jarvis_Gateway>("gateway")
            .WithJarvisDefaults()
            .WithPublicEndpoint(builder.Configuration.GetValue("Gateway:Port", 8080))
            .WithReference(redis)
            .WaitFor(redis);
}
