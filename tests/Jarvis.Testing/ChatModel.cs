using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Resources;

namespace Jarvis.Testing;

/// <summary>
/// The chat service as the AppHost wires it: PostgreSQL database <c>jarvisdb</c>, Redis (session
/// revocation) and the first admin's password secret, started after both. Tests and benchmarks
/// add it with this one call, so a new dependency of chat is wired in one place.
/// </summary>
public sealed record ChatModel(
    IResourceBuilder<PostgresDatabaseResource> Database,
    IResourceBuilder<RedisResource> Redis,
    IResourceBuilder<ProjectResource> Chat)
{
    public static ChatModel Add(DistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var db = builder.AddPostgres("postgres").AddDatabase("jarvisdb");
        var redis = builder.AddRedis("redis");
        var chat = builder.AddProject("chat", "services/Jarvis.Chat/Jarvis.Chat.csproj")
            .WithReference(db).WithReference(redis).WithSecret("Jarvis__Admin__InitialPassword")
            .WaitFor(db).WaitFor(redis);
        return new ChatModel(db, redis, chat);
    }
}
