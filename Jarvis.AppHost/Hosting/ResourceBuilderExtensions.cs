using Jarvis.AppHost.Resources;

namespace Jarvis.AppHost.Hosting;

/// <summary>The Aspire-shaped vocabulary of the model: Add…, WithReference, WaitFor, WithReplicas.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new PostgresServerResource(name));
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        server.Resource.Databases.Add(name);
        return server.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, server.Resource));
    }

    public static IResourceBuilder<MosquittoResource> AddMosquitto(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new MosquittoResource(name));
    }

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new RedisResource(name));
    }

    /// <summary>Prometheus scraping every project in the model.</summary>
    public static IResourceBuilder<PrometheusResource> AddPrometheus(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new PrometheusResource(name, () => builder.Resources.OfType<ProjectResource>()));
    }

    public static IResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new ProjectResource(name, projectPath));
    }

    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<IResourceWithConnectionString> source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.ConnectionReferences.Add(source.Resource);
        return builder;
    }

    /// <summary>Service discovery: <c>services__{name}__http__{i}</c> for every replica of the referenced service.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ProjectResource> service)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(service);
        builder.Resource.ServiceReferences.Add(service.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        builder.Resource.WaitsFor.Add(dependency.Resource);
        return builder;
    }

    public static IResourceBuilder<T> WithReplicas<T>(this IResourceBuilder<T> builder, int replicas) where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value) where T : ExecutableResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>A generated secret this service alone receives, as a file in its <c>JARVIS_SECRETS_DIR</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithSecret(this IResourceBuilder<ProjectResource> builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Secrets.Add(name);
        return builder;
    }

    /// <summary>The public port of the first replica (the gateway's), instead of a free one.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> builder, int port)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.FixedPort = port;
        builder.Resource.IsExternal = true;
        return builder;
    }
}
