using System.Net;
using System.Net.Sockets;
using Orleans.Configuration;
using Jarvis.Automation.Mqtt;
using Jarvis.Automation.Storage;

namespace Jarvis.Automation.Automations.Runtime;

public static class AutomationSilo
{
    /// <summary>
    /// The automation runtime: an Orleans silo (one, localhost clustering — the one place to change for a cluster), the
    /// catalog, state cache, grains' services, the MQTT trigger subscription and the start-up/clock service.
    /// </summary>
    public static void AddAutomations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AutomationOptions>().BindConfiguration(AutomationOptions.SectionName)
            .Validate(o => o.TracesKept is >= 1 and <= 10_000, "Automation:Automations:TracesKept is 1..10000")
            .Validate(o => o.MaxRepeat is >= 1 and <= 1_000_000, "Automation:Automations:MaxRepeat is 1..1000000")
            .Validate(o => o.CatchUp >= TimeSpan.Zero, "Automation:Automations:CatchUp is not negative")
            .ValidateOnStart();
        services.AddSingleton<Storage.AutomationStore>();
        services.AddSingleton<Storage.RunStore>();
        services.AddSingleton<EntityStateCache>();
        services.AddSingleton<AutomationCatalog>();
        services.AddSingleton<AutomationTemplateFunctions>();
        services.AddSingleton<AutomationActions>();
        services.AddSingleton<AutomationMetrics>();
        services.AddSingleton<RunServices>();
        services.AddSingleton<StateChangeRouter>();
        services.AddSingleton<IStateChangeListener>(sp => sp.GetRequiredService<StateChangeRouter>());
        services.AddMqttSubscription<MqttTriggerHandler>("#", MqttSubscriptionKind.OneReplica);

        var siloPort = builder.Configuration.GetValue<int?>($"{AutomationOptions.SectionName}:SiloPort") ?? 0;
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: siloPort == 0 ? FreePort() : siloPort, gatewayPort: FreePort(),
                serviceId: "jarvis-automation", clusterId: "jarvis")
            // Orleans sizes its grain-location cache for a million grains (about 18 MB allocated up front);
            // a hub runs one grain per automation.
            .Configure<GrainDirectoryOptions>(o => o.CacheSize = 10_000));

        services.AddSingleton<AutomationStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<AutomationStartup>());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
