using Jarvis.ServiceDefaults.Migrations;
using Npgsql;

namespace Jarvis.Chat.Infrastructure;

/// <summary>
/// When no user exists, the first admin, created at start right after the migrations and under their
/// advisory lock, so two replicas starting together create it once.
/// </summary>
public sealed partial class FirstAdminSeed(IConfiguration configuration, UserStore users, ILogger<FirstAdminSeed> logger) : ISchemaSeed
{
    public const string InitialPasswordKey = "Jarvis:Admin:InitialPassword";

    public async Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var password = configuration[InitialPasswordKey];
        if (string.IsNullOrEmpty(password))
        {
            LogNoInitialPassword(logger, InitialPasswordKey);
            return;
        }

        if (await users.CreateFirstAdminAsync(connection, password, cancellationToken))
        {
            LogFirstAdmin(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin, user 'admin'.")]
    private static partial void LogFirstAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Key} is not set: no first admin is created while no user exists.")]
    private static partial void LogNoInitialPassword(ILogger logger, string key);
}
