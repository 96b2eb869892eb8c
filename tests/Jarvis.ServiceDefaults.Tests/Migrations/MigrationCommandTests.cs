using Jarvis.ServiceDefaults.Migrations;
using Jarvis.Testing;
using Microsoft.Extensions.Configuration;

namespace Jarvis.ServiceDefaults.Tests.Migrations;

public sealed class MigrationCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void The_latest_version_is_the_newest_migration_of_the_schemas_assembly() =>
        Assert.Equal(2, LightingSchema.Definition.LatestVersion);

    [Theory]
    [InlineData("migrate", "sideways")]
    [InlineData("migrate", "down")]
    [InlineData("migrate", "up", "--to", "3")]
    [InlineData("migrate", "up", "--to", "-1")]
    [InlineData("migrate", "down", "--to", "one")]
    [InlineData("migrate", "up", "now")]
    [InlineData("migrate", "status", "--to", "1")]
    public async Task A_command_outside_the_grammar_answers_usage_and_exit_code_2(params string[] args)
    {
        var (code, output, error) = await RunAsync("Host=unused.invalid", args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("usage: Jarvis.ServiceDefaults.Tests migrate up [--to N] | down --to N | status", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_connection_string_the_command_says_so_and_exits_2()
    {
        var (code, _, error) = await RunAsync(null, "migrate", "status");

        Assert.Equal(2, code);
        Assert.Contains("ConnectionStrings:jarvisdb is not configured.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_to_a_version_status_up_and_down_to_zero_move_the_schema_and_say_where_it_is()
    {
        var db = await postgres.CreateDatabaseAsync("defaults_migrate_cli");

        Assert.Equal((0, "lighting schema: applied: [1]; latest known: 2\n", ""), await RunAsync(db, "migrate", "up", "--to", "1"));
        Assert.Equal(["lamps", "schema_version"], await LightingSchema.TablesAsync(db));
        Assert.Equal((0, "lighting schema: applied: [1]; latest known: 2\n", ""), await RunAsync(db, "migrate", "status"));
        Assert.Equal((0, "lighting schema: applied: [1]; latest known: 2\n", ""), await RunAsync(db, "migrate"));
        Assert.Equal((0, "lighting schema: applied: [1, 2]; latest known: 2\n", ""), await RunAsync(db, "migrate", "up"));
        Assert.Equal(["lamps", "scenes", "schema_version"], await LightingSchema.TablesAsync(db));
        Assert.Equal((0, "lighting schema: applied: []; latest known: 2\n", ""), await RunAsync(db, "migrate", "down", "--to", "0"));
        Assert.Equal(["schema_version"], await LightingSchema.TablesAsync(db));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("migrate", "up")]
    public void Only_arguments_that_begin_with_migrate_are_the_command(params string[] args)
    {
        Assert.True(MigrationCommand.Matches(args));
        Assert.False(MigrationCommand.Matches(["--urls", "http://127.0.0.1:0"]));
        Assert.False(MigrationCommand.Matches([]));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string? connectionString, params string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:jarvisdb"] = connectionString })
            .Build();
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var code = await MigrationCommand.RunAsync(args, LightingSchema.Definition, configuration, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
