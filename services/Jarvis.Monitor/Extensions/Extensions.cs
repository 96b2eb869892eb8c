using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Monitor.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource("jarvisdb");
        builder.AddMqttBroker("mqtt");
    }
}
