using System.Diagnostics;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Plugins.Tests.Infrastructure.Storage;

public sealed class MigrationCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_migrate_command_applies_and_rolls_back_the_plugins_schema()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plugins_migrate");

        Assert.Equal(0, await RunAsync(connectionString, "migrate", "up"));
        Assert.True(await KvExistsAsync(connectionString));
        Assert.True(await ExistsAsync(connectionString, "plugins.states"));
        Assert.Equal(0, await RunAsync(connectionString, "migrate", "down", "--to", "0"));
        Assert.False(await KvExistsAsync(connectionString));
        Assert.False(await ExistsAsync(connectionString, "plugins.states"));
        Assert.Equal(2, await RunAsync(connectionString, "migrate", "sideways"));
    }

    [Fact]
    public async Task The_migrate_command_has_the_grammar_every_service_shares()
    {
        var connectionString = await postgres.CreateDatabaseAsync("plugins_migrate_grammar");

        var (code, output) = await RunWithOutputAsync(connectionString, "migrate", "up", "--to", "1");
        Assert.Equal(0, code);
        Assert.Contains("plugins schema: applied: [1]; latest known: 2", output, StringComparison.Ordinal);
        Assert.False(await ExistsAsync(connectionString, "plugins.states"));

        (code, output) = await RunWithOutputAsync(connectionString, "migrate", "status");
        Assert.Equal(0, code);
        Assert.Contains("applied: [1];", output, StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync(connectionString, "migrate", "down"));
        Assert.Equal(2, await RunAsync(connectionString, "migrate", "up", "--to", "3"));
        Assert.Equal(0, await RunAsync(connectionString, "migrate", "up"));
        Assert.True(await ExistsAsync(connectionString, "plugins.states"));
    }

    private static Task<bool> KvExistsAsync(string connectionString) => ExistsAsync(connectionString, "plugins.kv");

    private static async Task<bool> ExistsAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> RunAsync(string connectionString, params string[] args) =>
        (await RunWithOutputAsync(connectionString, args)).Code;

    private static async Task<(int Code, string Output)> RunWithOutputAsync(string connectionString, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Jarvis.Plugins.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__jarvisdb"] = connectionString;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + await error);
    }
}
