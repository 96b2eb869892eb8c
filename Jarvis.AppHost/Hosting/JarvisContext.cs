using System.Runtime.CompilerServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Services;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// What Jarvis adds to an Aspire builder, once per builder: the state directory, the secret store,
/// remembered ports, and the extensions Aspire lacks (supervision, <c>ports.json</c>, the start report).
/// </summary>
public sealed class JarvisContext
{
    /// <summary>Throwaway test state: PostgreSQL trades crash safety for speed.</summary>
    public const string TestingKey = "Jarvis:Testing";

    public const string AdminPasswordSecret = "Jarvis__Admin__InitialPassword";

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, JarvisContext> Contexts = [];

    private JarvisContext(IDistributedApplicationBuilder builder, RepositoryLayout layout, PortBook ports)
    {
        Layout = layout;
        Secrets = new SecretStore(Layout.SecretsDirectory);
        Ports = ports;
        Testing = builder.Configuration.GetValue(TestingKey, false);
        Configuration = builder.Configuration;

        // Stopping the AppHost (Ctrl+C, SIGTERM, a test disposing its app) waits until the
        // orchestrator has stopped every process, instead of leaving that to happen after exit.
        builder.Configuration["DcpPublisher:WaitForResourceCleanup"] ??= "true";

        // Printed once, when first made: on the first run, before any service receives it.
        Secrets.Generated += (name, value) =>
        {
            if (name == AdminPasswordSecret)
            {
                Console.WriteLine($"First admin: user 'admin', password '{value}' (shown once; kept in {Path.GetRelativePath(Layout.Root, Layout.SecretsDirectory)}/{name}).");
            }
        };

        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<Supervisor>();
        builder.Services.AddSingleton<ReplicaDirectory>();
        builder.Services.AddSingleton<StartReport>();
        builder.Services.AddHostedService<GracefulStop>();
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>((e, _) =>
        {
            if (StartReport.IsJarvisResource(e.Resource))
            {
                GracefulStopCommands.Wrap(e.Resource);
            }

            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<BeforeStartEvent>(async (e, cancellationToken) =>
        {
            EndpointPorts.Assign(e.Model, this);

            // Started before the orchestrator starts anything (Aspire's host start returns only once
            // every resource has been started), so a crash or a failure during start is seen at once.
            var lifetime = e.Services.GetRequiredService<IHostApplicationLifetime>();
            foreach (var extension in new BackgroundService[]
            {
                e.Services.GetRequiredService<ReplicaDirectory>(),
                e.Services.GetRequiredService<Supervisor>(),
                e.Services.GetRequiredService<StartReport>(),
            })
            {
                await extension.StartAsync(cancellationToken);
                lifetime.ApplicationStopping.Register(() => _ = extension.StopAsync(CancellationToken.None));
            }
        });
    }

    public RepositoryLayout Layout { get; }

    public SecretStore Secrets { get; }

    public PortBook Ports { get; }

    public bool Testing { get; }

    public IConfiguration Configuration { get; }

    /// <summary>An infrastructure resource's port: <c>{name}:Port</c> when configured, else the one it had last time when free.</summary>
    public int PortFor(string name) => Ports.For(name, Configuration.GetValue<int?>($"{name}:Port"));

    /// <summary>The one context of this builder, made (and its services registered) on first use.</summary>
    public static JarvisContext Of(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Contexts.GetValue(builder, b =>
        {
            var layout = RepositoryLayout.From(b.Configuration[RepositoryLayout.StateDirectoryKey]);
            return new JarvisContext(b, layout, new PortBook(layout.State("ports.json")));
        });
    }

    /// <summary>Attaches a context whose layout and ports were chosen before the builder existed.</summary>
    internal static JarvisContext Attach(IDistributedApplicationBuilder builder, RepositoryLayout layout, PortBook ports)
    {
        var context = new JarvisContext(builder, layout, ports);
        Contexts.AddOrUpdate(builder, context);
        return context;
    }
}
