using System.Globalization;
using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Resources;

/// <summary>
/// A Jarvis service project, run from its build output with Aspire's environment:
/// <c>ASPNETCORE_URLS</c>, <c>OTEL_SERVICE_NAME</c>, <c>services__*</c>, <c>ConnectionStrings__*</c>,
/// and <c>JARVIS_SECRETS_DIR</c> for everything secret.
/// </summary>
public sealed class ProjectResource(string name, string projectPath) : ExecutableResource(name)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private string _assembly = "";

    public const string ManagementEndpointName = "management";

    /// <summary>Tells a service its management port, where alone it serves <c>/metrics</c> (ServiceDefaults' <c>Jarvis:Management:Port</c>).</summary>
    public const string ManagementPortVariable = "Jarvis__Management__Port";

    public override string Kind => "Project";

    /// <summary>Relative to the repository root, e.g. <c>services/Jarvis.Chat/Jarvis.Chat.csproj</c>.</summary>
    public string ProjectPath { get; } = projectPath;

    /// <summary>A fixed port for the first replica (the gateway's public port); others get free ports.</summary>
    public int? FixedPort { get; set; }

    /// <summary>The application's public entry (the gateway): the dashboard links to it.</summary>
    public bool IsExternal { get; set; }

    public IList<IResourceWithConnectionString> ConnectionReferences { get; } = [];

    public IList<ProjectResource> ServiceReferences { get; } = [];

    /// <summary>Names of generated secrets handed to this service alone (e.g. the first admin password).</summary>
    public IList<string> Secrets { get; } = [];

    public override void Validate() => BinaryLocator.Find("setsid", "util-linux");

    protected override IReadOnlyList<ResourceEndpoint> CreateEndpoints(int replica, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = replica == 0 && FixedPort is > 0
            ? context.Ports.For(Name, FixedPort)
            : context.Ports.For($"{Name}-{replica.ToString(CultureInfo.InvariantCulture)}");
        var http = new ResourceEndpoint("http", "http", "127.0.0.1", port);
        if (!IsExternal)
        {
            return [http];
        }

        // The public entry answers /metrics only on a loopback port of its own, which Prometheus scrapes.
        var management = context.Ports.For($"{Name}-{replica.ToString(CultureInfo.InvariantCulture)}-management");
        return [http, new ResourceEndpoint(ManagementEndpointName, "http", "127.0.0.1", management)];
    }

    /// <summary>The endpoint Prometheus scrapes: the management one where there is one, else the primary.</summary>
    public ResourceEndpoint MetricsEndpoint(int replica) => ManagementEndpoint(replica) ?? PrimaryEndpoint(replica);

    private ResourceEndpoint? ManagementEndpoint(int replica) =>
        Endpoints[replica].FirstOrDefault(e => e.Name == ManagementEndpointName);

    public override Task PrepareAsync(HostContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var projectFile = Path.Combine(context.Layout.Root, ProjectPath);
        var directory = Path.GetDirectoryName(projectFile)!;
        var assemblyName = Path.GetFileNameWithoutExtension(projectFile);
        _assembly = Path.Combine(directory, "bin", RepositoryLayout.Metadata("Jarvis.Configuration"),
            RepositoryLayout.Metadata("Jarvis.TargetFramework"), assemblyName + ".dll");
        if (!File.Exists(_assembly))
        {
            throw new FileNotFoundException($"{_assembly} is missing: build the solution first (dotnet build Jarvis.sln).", _assembly);
        }

        return Task.CompletedTask;
    }

    public override ProcessSpec CreateProcess(int replica, HostContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = string.Join(';', Endpoints[replica]),
            ["ASPNETCORE_ENVIRONMENT"] = System.Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development",
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{replica.ToString(CultureInfo.InvariantCulture)}",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };

        var secretEntries = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Jarvis__InternalAuth__SigningKey"] = context.Secrets.GetOrCreate("Jarvis__InternalAuth__SigningKey", 64, base64: true),
        };
        foreach (var secret in Secrets)
        {
            secretEntries[secret] = context.Secrets.GetOrCreate(secret, 18);
        }

        foreach (var reference in ConnectionReferences)
        {
            var key = $"ConnectionStrings__{reference.Name}";
            if (reference.ConnectionStringIsSecret)
            {
                secretEntries[key] = reference.GetConnectionString();
            }
            else
            {
                env[key] = reference.GetConnectionString();
            }
        }

        foreach (var service in ServiceReferences)
        {
            for (var i = 0; i < service.Endpoints.Count; i++)
            {
                env[$"services__{service.Name}__http__{i.ToString(CultureInfo.InvariantCulture)}"] = service.PrimaryEndpoint(i).ToString();
            }
        }

        if (ManagementEndpoint(replica) is { } managementEndpoint)
        {
            env[ManagementPortVariable] = managementEndpoint.Port.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in Environment)
        {
            env[key] = value;
        }

        env["JARVIS_SECRETS_DIR"] = context.Secrets.WriteServiceDirectory(Name, secretEntries);
        return new ProcessSpec
        {
            FileName = "dotnet",
            Arguments = [_assembly],
            Environment = env,
            WorkingDirectory = Path.GetDirectoryName(_assembly),
        };
    }

    public override async Task<bool> IsHealthyAsync(int replica, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(PrimaryEndpoint(replica).Url, "/health"), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
