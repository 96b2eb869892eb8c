using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Monitor.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("jarvisdb");
        builder.AddMqttBroker("mqtt");
    }
}
