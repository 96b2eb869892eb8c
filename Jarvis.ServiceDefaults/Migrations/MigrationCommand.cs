using System.Globalization;
using Jarvis.ServiceDefaults.Secrets;
using Microsoft.Extensions.Configuration;

namespace Jarvis.ServiceDefaults.Migrations;

/// <summary>
/// <c>dotnet X.dll migrate up [--to N] | down --to N | status</c>, the same in every service that owns a
/// schema: applies or rolls back, prints what is applied, exits (0 done, 2 wrong usage or no connection
/// string). The connection string comes as the service gets it: <c>ConnectionStrings__jarvisdb</c>, or a
/// secret file in <c>JARVIS_SECRETS_DIR</c>, which wins.
/// </summary>
public static class MigrationCommand
{
    public const string Usage = "migrate up [--to N] | down --to N | status";

    public static bool Matches(string[] args) => args is ["migrate", ..];

    /// <summary>Runs the command with the configuration a service has: environment variables, then secret files.</summary>
    public static Task<int> RunAsync(string[] args, ServiceSchema schema)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddJarvisSecrets().Build();
        return RunAsync(args, schema, configuration, Console.Out, Console.Error);
    }

    public static async Task<int> RunAsync(string[] args, ServiceSchema schema, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (!TryParse(args, schema.LatestVersion, out var verb, out var to, out var problem))
        {
            await error.WriteLineAsync($"{problem}\nusage: {schema.Migrations.GetName().Name} {Usage}");
            return 2;
        }

        var connectionString = configuration.GetConnectionString(ServiceSchema.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"ConnectionStrings:{ServiceSchema.ConnectionName} is not configured.");
            return 2;
        }

        var migrator = schema.Migrator(connectionString);
        switch (verb)
        {
            case "up":
                await (to is { } up ? migrator.MigrateUpAsync(up) : migrator.MigrateUpAsync());
                break;
            case "down":
                await migrator.MigrateDownAsync(to!.Value);
                break;
        }

        var applied = await migrator.AppliedVersionsAsync();
        await output.WriteLineAsync($"{schema.Name} schema: applied: [{string.Join(", ", applied)}]; latest known: {schema.LatestVersion}");
        return 0;
    }

    private static bool TryParse(string[] args, long latest, out string verb, out long? to, out string problem)
    {
        verb = args.Length > 1 ? args[1] : "status";
        to = null;
        problem = "";
        var rest = args.Skip(2).ToArray();
        switch (rest)
        {
            case []:
                break;
            case ["--to", var raw] when verb is "up" or "down":
                if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version > latest)
                {
                    problem = $"--to must be a version from 0 to {latest}.";
                    return false;
                }

                to = version;
                break;
            default:
                problem = $"'{string.Join(' ', rest)}' is not understood after '{verb}'.";
                return false;
        }

        switch (verb)
        {
            case "up" or "status":
                return true;
            case "down" when to is not null:
                return true;
            case "down":
                problem = "down needs --to N (0 removes every table of the schema).";
                return false;
            default:
                problem = $"'{verb}' is not a migrate command.";
                return false;
        }
    }
}
