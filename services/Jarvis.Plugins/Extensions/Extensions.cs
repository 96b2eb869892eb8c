using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Plugins.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("jarvisdb");
    }
}
