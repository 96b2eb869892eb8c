using Jarvis.Automation.Grpc;
using Jarvis.Plugins.Apis;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Jarvis.ServiceDefaults;
using Jarvis.ServiceDefaults.Authentication;
using Microsoft.Extensions.Options;

namespace Jarvis.Plugins.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // First of the hosted services: the schema is up to date before the saved states are read.
        builder.AddSchemaMigrations(PluginsSchema.Definition);
        builder.Services.AddOptions<PluginsOptions>().BindConfiguration(PluginsOptions.SectionName)
            .Validate(o => o.TimeoutMs is >= 1 and <= 60_000, "Plugins:TimeoutMs must be 1..60000")
            .Validate(o => o.MemoryMb is >= 1 and <= 1024, "Plugins:MemoryMb must be 1..1024")
            .Validate(o => o.MaxParallelPlugins >= 1, "Plugins:MaxParallelPlugins must be at least 1")
            .Validate(o => o.StuckGraceMs is >= 0 and <= 60_000, "Plugins:StuckGraceMs must be 0..60000")
            .Validate(o => o.KvMaxKeys >= 1 && o.KvMaxBytes >= 1, "Plugins:KvMaxKeys and Plugins:KvMaxBytes must be at least 1")
            .Validate(o => o.GrpcPort is >= 0 and <= 65535, "Plugins:GrpcPort must be 0 (none) or a port up to 65535")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Plugins:Directory must name a folder")
            .ValidateOnStart();

        builder.Services.AddSingleton<IPluginKvStore, PluginKvStore>();
        builder.Services.AddSingleton<PluginStateStore>();
        builder.AddAutomationPublisher();
        builder.Services.AddSingleton<PluginMetrics>();
        builder.Services.AddSingleton<PluginHost>();
        // In this order: the saved enable/disable choices, then the plugins load.
        builder.Services.AddHostedService<PluginStateRestorer>();
        builder.Services.AddHostedService<PluginDirectoryWatcher>();

        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddAuthorizationBuilder().AddPluginsPolicy();
        // The validated options: a port out of range stops the start with the setting's name.
        builder.ListenForGrpc(services => services.GetRequiredService<IOptions<PluginsOptions>>().Value.GrpcPort);
    }

    /// <summary>
    /// <c>jarvis.mqtt.publish</c> goes to the automation service's <c>grpc</c> endpoint
    /// (<c>services__automation__grpc__0</c>), signed with this service's own internal token.
    /// </summary>
    private static void AddAutomationPublisher(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMqttPublisher, AutomationMqttPublisher>();
        var automation = builder.Services
            .AddGrpcClient<MqttPublishing.MqttPublishingClient>(o => o.Address = new Uri("http://_grpc.automation"))
            .AddServiceToken();
        // A plugin waits on this call inside its execution budget: an unreachable service is an error
        // at once, never retries that outlast the budget. The plugin decides whether to try again.
#pragma warning disable EXTEXP0001 // experimental in Microsoft.Extensions.Http.Resilience 10: removes the defaults' handler from this one client
        automation.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
