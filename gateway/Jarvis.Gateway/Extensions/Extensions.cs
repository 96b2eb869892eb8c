using Jarvis.ServiceDefaults.Integrations;

namespace Jarvis.Gateway.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient("redis");
    }
}
