using Jarvis.Chat.Infrastructure.Migrations;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// At start: migrate the schema and, when no user exists, create the first admin — both under
/// the migration advisory lock, so two replicas starting together do it once.
/// </summary>
public sealed partial class ChatDatabase(IConfiguration configuration, UserStore users, ILogger<ChatDatabase> logger)
{
    public const string InitialPasswordKey = "Jarvis:Admin:InitialPassword";

    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        var connectionString = configuration.GetConnectionString("jarvisdb")
            ?? throw new InvalidOperationException("ConnectionStrings:jarvisdb is not configured.");
        await new ChatMigrations(connectionString).MigrateUpAsync(async (connection, ct) =>
        {
            var password = configuration[InitialPasswordKey];
            if (string.IsNullOrEmpty(password))
            {
                LogNoInitialPassword(logger, InitialPasswordKey);
                return;
            }

            if (await users.CreateFirstAdminAsync(connection, password, ct))
            {
                LogFirstAdmin(logger);
            }
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin, user 'admin'.")]
    private static partial void LogFirstAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} is not set: no first admin is created while no user exists.")]
    private static partial void LogNoInitialPassword(ILogger logger, string key);
}
