using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Automation.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("jarvisdb");
        builder.AddMqttBroker("mqtt");
        builder.AddRedisClient("redis");
    }
}
