using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Infrastructure.Migrations;
using Jarvis.Chat.Model;
using Jarvis.Chat.Replies;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jarvis.Chat.Extensions;

internal static class Extensions
{
    /// <summary>Bodies over this answer 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        builder.AddSchemaMigrations(ChatSchema.Definition);
        // Without Redis the service still serves chat; user changes that must end sessions answer 503.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
        {
            builder.AddJarvisRedisClient("redis");
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default));

        var services = builder.Services;
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SessionRevocations>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<CredentialCheck>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<ConversationTransfer>();
        services.AddSingleton<ChatSearch>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<ISchemaSeed, FirstAdminSeed>();

        // Asked in this order; plugins and devices are appended here when they arrive.
        services.AddSingleton<IReplySource, HelpSkill>();
        services.AddSingleton<IReplySource, DateTimeSkill>();
        services.AddSingleton<IReplySource, GreetingSkill>();
        services.AddSingleton<AssistantReplies>();
    }
}
