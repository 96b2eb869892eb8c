using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Infrastructure;

namespace Jarvis.AppHost.Services;

/// <summary>What every Jarvis service gets from the model, in Aspire's vocabulary.</summary>
public static class ServiceBuilderExtensions
{
    public const string HttpEndpointName = "http";
    public const string ManagementEndpointName = "management";

    /// <summary>Tells a service its management port, where alone it serves <c>/metrics</c> (ServiceDefaults' <c>Jarvis:Management:Port</c>).</summary>
    public const string ManagementPortVariable = "Jarvis__Management__Port";

    /// <summary>The environment variable naming a service's secrets directory. It holds a path, not a secret.</summary>
    public const string SecretsDirectoryVariable = "JARVIS_SECRETS_DIR";

    public const string SigningKeySecret = "Jarvis__InternalAuth__SigningKey";

    /// <summary>
    /// An <c>http</c> endpoint on a remembered loopback port, readiness from <c>/health</c>, and a
    /// directory of secret files (the internal signing key, every password-bearing connection string
    /// it references, the secrets named with <see cref="WithSecret"/>) handed over as <c>JARVIS_SECRETS_DIR</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithJarvisDefaults(this IResourceBuilder<ProjectResource> project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var jarvis = JarvisContext.Of(project.ApplicationBuilder);
        return project
            .WithAnnotation(new JarvisServiceAnnotation())
            .WithHttpEndpoint(name: HttpEndpointName)
            .WithHttpHealthCheck("/health")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development")
            .WithEnvironment("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
            .WithEnvironment(context =>
            {
                if (!context.ExecutionContext.IsRunMode)
                {
                    return;
                }

                var entries = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [SigningKeySecret] = jarvis.Secrets.GetOrCreate(SigningKeySecret, 64, base64: true),
                };
                foreach (var secret in project.Resource.Annotations.OfType<ServiceSecretAnnotation>())
                {
                    entries[secret.Name] = jarvis.Secrets.GetOrCreate(secret.Name, 18);
                }

                foreach (var reference in References(project.Resource).OfType<ISecretConnectionString>())
                {
                    entries[$"ConnectionStrings__{reference.Name}"] = reference.GetSecretConnectionString();
                }

                context.EnvironmentVariables[SecretsDirectoryVariable] = jarvis.Secrets.WriteServiceDirectory(project.Resource.Name, entries);
            });
    }

    /// <summary>A generated secret this service alone receives, as a file in its <c>JARVIS_SECRETS_DIR</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithSecret(this IResourceBuilder<ProjectResource> project, string name)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project.WithAnnotation(new ServiceSecretAnnotation(name));
    }

    /// <summary>
    /// The application's public entry: its <c>http</c> endpoint on <paramref name="port"/> (0: any free
    /// port) and a loopback <c>management</c> endpoint where alone it answers <c>/metrics</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPublicEndpoint(this IResourceBuilder<ProjectResource> project, int port)
    {
        ArgumentNullException.ThrowIfNull(project);
        project.Resource.Annotations.OfType<JarvisServiceAnnotation>().Single().PublicPort = port;
        project.WithEndpoint(HttpEndpointName, e => e.IsExternal = true);
        project.WithHttpEndpoint(name: ManagementEndpointName);

        // Readiness is asked on the management port: the public one answers only for the public origins,
        // and with several replicas the orchestrator's proxy port is not one of them.
        foreach (var check in project.Resource.Annotations.OfType<HealthCheckAnnotation>().ToList())
        {
            project.Resource.Annotations.Remove(check);
        }

        project.WithHttpHealthCheck("/health", endpointName: ManagementEndpointName);
        var management = project.GetEndpoint(ManagementEndpointName);
        return project.WithEnvironment(context => context.EnvironmentVariables[ManagementPortVariable] = management.Property(EndpointProperty.TargetPort));
    }

    /// <summary>A gRPC endpoint (cleartext HTTP/2 on a port of its own), announced to the service in <paramref name="portVariable"/>.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> project, string name, string portVariable)
    {
        ArgumentNullException.ThrowIfNull(project);
        return project
            .WithEndpoint(scheme: "http", name: name, env: portVariable)
            .WithEndpoint(name, e => e.Transport = "http2");
    }

    /// <summary>The resources this one references (connection strings and services).</summary>
    public static IEnumerable<IResource> References(IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(a => a.Type == "Reference")
            .Select(a => a.Resource)
            .Distinct();
}
