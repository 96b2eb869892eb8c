using Microsoft.Extensions.Configuration;

namespace Jarvis.AppHost.Hosting;

/// <summary>Collects the application model, as Aspire's builder does; <see cref="Build"/> turns it into a runnable app.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<IResource> _resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Directory.CreateDirectory(options.Layout.StateDirectory);
        Configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("JARVIS_")
            .AddCommandLine(options.Args)
            .Build();
        Secrets = new SecretStore(options.Layout.SecretsDirectory);
        Context = new HostContext(options.Layout, Secrets, new PortBook(options.Layout.State("ports.json")), Configuration, options.Testing);
    }

    public DistributedApplicationOptions Options { get; }

    /// <summary>The AppHost's own settings: appsettings.json, <c>JARVIS_*</c> variables, command line.</summary>
    public IConfiguration Configuration { get; }

    public SecretStore Secrets { get; }

    public HostContext Context { get; }

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(resource.Name, "^[a-z][a-z0-9-]{0,62}$"))
        {
            throw new ArgumentException($"Resource names are kebab-case: '{resource.Name}' is not.", nameof(resource));
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var executables = _resources.OfType<ExecutableResource>().ToList();
        foreach (var resource in executables)
        {
            resource.Validate();
        }

        foreach (var resource in executables)
        {
            resource.AssignEndpoints(Context);
        }

        return new DistributedApplication(this, executables);
    }
}
