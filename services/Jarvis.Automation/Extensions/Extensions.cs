using Jarvis.Automation.Infrastructure.Migrations;
using Jarvis.Automation.Mqtt;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;

namespace Jarvis.Automation.Extensions;

internal static class Extensions
{
    /// <summary>PostgreSQL (its schema migrated first), the MQTT connection and outbox, and Redis, each in <c>/health</c>.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // First of the hosted services: the tables exist before the first message is handled.
        builder.AddSchemaMigrations(AutomationSchema.Definition);
        builder.AddMqttConnection("mqtt");
        builder.AddJarvisRedisClient("redis");
    }
}
