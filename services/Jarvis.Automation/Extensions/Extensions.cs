using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Automation.Extensions;

internal static class Extensions
{
    /// <summary>What automation depends on today: PostgreSQL, the MQTT broker and Redis, each in <c>/health</c>.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource("jarvisdb");
        builder.AddMqttBroker("mqtt");
        builder.AddJarvisRedisClient("redis");
    }
}
