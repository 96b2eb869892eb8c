using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Monitor.Extensions;

internal static class Extensions
{
    /// <summary>What monitor depends on today: PostgreSQL and the MQTT broker, each in <c>/health</c>.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource("jarvisdb");
        builder.AddMqttBroker("mqtt");
    }
}
