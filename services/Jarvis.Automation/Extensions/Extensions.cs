using Jarvis.Automation.Automations.Runtime;
using Jarvis.Automation.Grpc;
using Jarvis.Automation.Infrastructure.Migrations;
using Jarvis.Automation.Model;
using Jarvis.Automation.Mqtt;
using Jarvis.Automation.Storage;
using Jarvis.ServiceDefaults;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Extensions;

internal static class Extensions
{
    /// <summary>Bodies over this answer 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>PostgreSQL (its schema migrated first), the MQTT connection and outbox, the devices, and Redis, each in <c>/health</c>; the gRPC publishing API.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // First of the hosted services: the tables exist before the first message is handled.
        builder.AddSchemaMigrations(AutomationSchema.Definition);
        builder.AddMqttConnection("mqtt");
        builder.AddJarvisRedisClient("redis");
        builder.AddDevices();
        builder.AddAutomations();

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, AutomationJsonContext.Default));

        builder.Services.AddGrpc();
        builder.Services.AddOptions<AutomationGrpcOptions>().BindConfiguration(AutomationGrpcOptions.SectionName)
            .Validate(o => o.GrpcPort is >= 0 and <= 65535, "Automation:GrpcPort must be 0 (none) or a port up to 65535")
            .ValidateOnStart();
        builder.ListenForGrpc(services => services.GetRequiredService<IOptions<AutomationGrpcOptions>>().Value.GrpcPort);
    }

    /// <summary>
    /// Discovery (<c>&lt;prefix&gt;/#</c>, every replica keeps the registry) and every other topic (<c>#</c>, one replica
    /// of several handles each state message), the stores, the event feed and the history pruner.
    /// </summary>
    private static void AddDevices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DevicesOptions>().BindConfiguration(DevicesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevicesOptions>, DevicesOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<DeviceCatalog>();
        services.AddSingleton<UnclaimedMessages>();
        services.AddSingleton<DiscoveryStore>();
        services.AddSingleton<StateStore>();
        services.AddSingleton<StateHistoryReader>();
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<AreaStore>();
        services.AddSingleton<CommandStore>();
        services.AddSingleton<DeviceEventFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<DeviceEventFeed>());
        services.AddSingleton<HistoryPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryPruner>());

        // In this order: a fresh session gets the retained configs before the retained states that need them.
        var prefix = builder.Configuration.GetSection(MqttOptions.SectionName).Get<MqttOptions>()?.DiscoveryPrefix ?? new MqttOptions().DiscoveryPrefix;
        services.AddMqttSubscription<DiscoveryHandler>($"{prefix}/#", MqttSubscriptionKind.EveryReplica);
        services.AddMqttSubscription<StateHandler>("#", MqttSubscriptionKind.OneReplica);
    }
}
