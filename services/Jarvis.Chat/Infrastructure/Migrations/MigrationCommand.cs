using System.Globalization;
using Jarvis.ServiceDefaults.Secrets;

namespace Jarvis.Chat.Infrastructure.Migrations;

/// <summary>
/// <c>Jarvis.Chat migrate up [--to N] | down --to N | status</c>: the rollback command. The
/// connection string comes as the service gets it (<c>ConnectionStrings__jarvisdb</c> or a
/// secret file in <c>JARVIS_SECRETS_DIR</c>).
/// </summary>
internal static class MigrationCommand
{
    public static bool Matches(string[] args) => args is ["migrate", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.Length > 1 ? args[1] : "status";
        var rest = args.Skip(2).ToArray();
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddJarvisSecrets()
            .AddCommandLine(rest)
            .Build();
        var connectionString = configuration.GetConnectionString("jarvisdb");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:jarvisdb is not configured.");
            return 2;
        }

        long? to = null;
        if (configuration["to"] is { } raw)
        {
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > ChatMigrations.LatestVersion)
            {
                await Console.Error.WriteLineAsync($"--to must be a version from 0 to {ChatMigrations.LatestVersion}.");
                return 2;
            }

            to = parsed;
        }

        var migrations = new ChatMigrations(connectionString);
        switch (verb)
        {
            case "up":
                await (to is { } up ? migrations.MigrateUpAsync(up) : migrations.MigrateUpAsync());
                break;
            case "down" when to is { } down:
                await migrations.MigrateDownAsync(down);
                break;
            case "status":
                break;
            default:
                await Console.Error.WriteLineAsync("usage: Jarvis.Chat migrate up [--to N] | down --to N | status");
                return 2;
        }

        var applied = await migrations.AppliedVersionsAsync();
        Console.WriteLine($"applied: [{string.Join(", ", applied)}]; latest known: {ChatMigrations.LatestVersion}");
        return 0;
    }
}
