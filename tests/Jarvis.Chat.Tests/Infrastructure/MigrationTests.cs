using System.Diagnostics;
using Jarvis.Chat.Infrastructure.Migrations;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Chat.Tests.Infrastructure;

[Collection(ChatCollection.Name)]
public sealed class MigrationTests(ChatServiceFixture chat)
{
    private static readonly string[] AllTables = ["audit_log", "conversations", "messages", "schema_version", "users"];

    [Fact]
    public async Task Up_down_up_on_an_empty_database()
    {
        var db = await FreshDatabaseAsync("chat_mig_empty");
        var migrations = ChatSchema.Definition.Migrator(db);

        await migrations.MigrateUpAsync();
        Assert.Equal([1L, 2, 3, 4, 5], await migrations.AppliedVersionsAsync());
        Assert.Equal(AllTables, await TablesAsync(db));

        await migrations.MigrateDownAsync(0);
        Assert.Empty(await migrations.AppliedVersionsAsync());
        Assert.Equal(["schema_version"], await TablesAsync(db));

        await migrations.MigrateUpAsync();
        Assert.Equal([1L, 2, 3, 4, 5], await migrations.AppliedVersionsAsync());
        Assert.Equal(AllTables, await TablesAsync(db));
    }

    [Fact]
    public async Task Up_down_up_on_a_database_holding_data_keeps_what_the_remaining_versions_own()
    {
        var db = await FreshDatabaseAsync("chat_mig_data");
        var migrations = ChatSchema.Definition.Migrator(db);
        await migrations.MigrateUpAsync();
        await ExecuteAsync(db, """
            INSERT INTO chat.users (id, username, password_hash, role) VALUES ('00000000-0000-7000-8000-000000000001', 'ada', 'x', 'user');
            INSERT INTO chat.conversations (id, user_id, title) VALUES ('00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'kept');
            INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
                VALUES ('00000000-0000-7000-8000-000000000003', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'user', 'hello', 'c1');
            INSERT INTO chat.audit_log (action) VALUES ('login.succeeded');
            """);

        await migrations.MigrateDownAsync(2);
        Assert.Equal([1L, 2], await migrations.AppliedVersionsAsync());
        Assert.Equal(["conversations", "schema_version", "users"], await TablesAsync(db));
        Assert.Equal("kept", await ScalarAsync(db, "SELECT title FROM chat.conversations"));

        await migrations.MigrateUpAsync();
        Assert.Equal([1L, 2, 3, 4, 5], await migrations.AppliedVersionsAsync());
        Assert.Equal("ada", await ScalarAsync(db, "SELECT username FROM chat.users"));
        Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM chat.messages"));
        await ExecuteAsync(db, """
            INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
                VALUES ('00000000-0000-7000-8000-000000000004', '00000000-0000-7000-8000-000000000002', '00000000-0000-7000-8000-000000000001', 'user', 'again', 'c1');
            """);

        await migrations.MigrateDownAsync(0);
        Assert.Equal(["schema_version"], await TablesAsync(db));
        await migrations.MigrateUpAsync();
        Assert.Equal(AllTables, await TablesAsync(db));
    }

    [Fact]
    public async Task Two_migrators_starting_together_apply_each_version_once()
    {
        var db = await FreshDatabaseAsync("chat_mig_race");
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => ChatSchema.Definition.Migrator(db).MigrateUpAsync())));
        Assert.Equal([1L, 2, 3, 4, 5], await ChatSchema.Definition.Migrator(db).AppliedVersionsAsync());
    }

    [Fact]
    public async Task The_rollback_command_of_the_service_binary_migrates_down_to_a_version_and_back_up()
    {
        var db = await FreshDatabaseAsync("chat_mig_cli");
        // The connection string travels as the service gets it: a secret file, never an environment variable.
        var secrets = Directory.CreateTempSubdirectory("chat-cli-secrets-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(secrets.FullName, "ConnectionStrings__jarvisdb"), db);
            Assert.Contains("applied: [1, 2, 3, 4, 5]", await RunServiceAsync(secrets.FullName, "migrate", "up"), StringComparison.Ordinal);
            Assert.Contains("applied: [1, 2]", await RunServiceAsync(secrets.FullName, "migrate", "down", "--to", "2"), StringComparison.Ordinal);
            Assert.Equal(["conversations", "schema_version", "users"], await TablesAsync(db));
            Assert.Contains("applied: [1, 2]", await RunServiceAsync(secrets.FullName, "migrate", "status"), StringComparison.Ordinal);
            Assert.Contains("applied: [1, 2, 3]", await RunServiceAsync(secrets.FullName, "migrate", "up", "--to", "3"), StringComparison.Ordinal);
            await RunServiceAsync(secrets.FullName, "migrate", "up");
            Assert.Equal(AllTables, await TablesAsync(db));
        }
        finally
        {
            TestDirectories.Delete(secrets.FullName);
        }
    }

    private static async Task<string> RunServiceAsync(string secretsDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ChatSchema).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["JARVIS_SECRETS_DIR"] = secretsDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await output}{await error}");
        return await output;
    }

    private async Task<string> FreshDatabaseAsync(string name) => await chat.CreateDatabaseAsync(name);

    private static async Task<string[]> TablesAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'chat' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return [.. tables];
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
