using Jarvis.Automation.Grpc;
using Jarvis.Automation.Infrastructure.Migrations;
using Jarvis.Automation.Mqtt;
using Jarvis.ServiceDefaults;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Microsoft.Extensions.Options;

namespace Jarvis.Automation.Extensions;

internal static class Extensions
{
    /// <summary>PostgreSQL (its schema migrated first), the MQTT connection and outbox, and Redis, each in <c>/health</c>; the gRPC publishing API.</summary>
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // First of the hosted services: the tables exist before the first message is handled.
        builder.AddSchemaMigrations(AutomationSchema.Definition);
        builder.AddMqttConnection("mqtt");
        builder.AddJarvisRedisClient("redis");

        builder.Services.AddGrpc();
        builder.Services.AddOptions<AutomationGrpcOptions>().BindConfiguration(AutomationGrpcOptions.SectionName)
            .Validate(o => o.GrpcPort is >= 0 and <= 65535, "Automation:GrpcPort must be 0 (none) or a port up to 65535")
            .ValidateOnStart();
        builder.ListenForGrpc(services => services.GetRequiredService<IOptions<AutomationGrpcOptions>>().Value.GrpcPort);
    }
}
