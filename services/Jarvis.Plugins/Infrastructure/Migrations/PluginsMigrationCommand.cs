using System.Globalization;
using Jarvis.ServiceDefaults.Secrets;

namespace Jarvis.Plugins.Infrastructure.Migrations;

/// <summary><c>dotnet Jarvis.Plugins.dll migrate up | down --to N</c>: apply or roll back the plugins schema, then exit.</summary>
internal static class PluginsMigrationCommand
{
    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddJarvisSecrets().Build();
        var connectionString = configuration.GetConnectionString("jarvisdb");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("ConnectionStrings__jarvisdb is not configured.");
            return 2;
        }

        var migrations = new PluginsMigrations(connectionString);
        switch (args.Skip(1).ToArray())
        {
            case ["up", ..]:
                await migrations.MigrateUpAsync();
                Console.WriteLine("plugins schema is up to date");
                return 0;
            case ["down", "--to", var to, ..] when long.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var version):
                await migrations.MigrateDownAsync(version);
                Console.WriteLine($"plugins schema rolled back to version {version}");
                return 0;
            default:
                await Console.Error.WriteLineAsync("usage: Jarvis.Plugins migrate up | down --to N");
                return 2;
        }
    }
}
