using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Infrastructure;
using Jarvis.AppHost.Services;

namespace Jarvis.Testing;

/// <summary>
/// The chat service as the AppHost wires it (<see cref="JarvisServices.AddChat"/>): PostgreSQL database
/// <c>jarvisdb</c>, Redis and the first admin's password secret. Tests and benchmarks add it with this one call.
/// </summary>
public sealed record ChatModel(
    IResourceBuilder<PostgresDatabaseResource> Database,
    IResourceBuilder<RedisResource> Redis,
    IResourceBuilder<ProjectResource> Chat)
{
    public static ChatModel Add(IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var db = builder.AddPostgres("postgres").AddDatabase("jarvisdb");
        var redis = builder.AddRedis("redis");
        return new ChatModel(db, redis, builder.AddChat(db, redis));
    }
}
