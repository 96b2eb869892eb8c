using Jarvis.AppHost.Infrastructure;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.AppHost.Tests.Resources;

public sealed class PostgresResourceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_application_role_can_query_jarvisdb_but_is_not_superuser()
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database(), current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("jarvisdb", reader.GetString(0));
        Assert.Equal("jarvis", reader.GetString(1));
        Assert.False(reader.GetBoolean(2));
    }

    [Fact]
    public async Task A_fresh_database_from_the_fixture_is_empty_and_writable()
    {
        var connectionString = await postgres.CreateDatabaseAsync("fixture_probe");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand("CREATE TABLE probe (id int); INSERT INTO probe VALUES (7); SELECT id FROM probe", connection);
        Assert.Equal(7, await create.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        await using var connection = new NpgsqlConnection(postgres.Server.SuperuserConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW listen_addresses", connection);
        Assert.Equal("127.0.0.1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_data_directory_of_another_major_version_is_refused_with_its_cause()
    {
        var state = JarvisTestApp.NewStateDirectory();
        try
        {
            Directory.CreateDirectory(Path.Combine(state, "postgres", "data"));
            await File.WriteAllTextAsync(Path.Combine(state, "postgres", "data", "PG_VERSION"), "9\n");

            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Start(state));

            Assert.Contains("postgres-init", refused.Message, StringComparison.Ordinal);
            Assert.Contains("PostgreSQL 9 cluster", refused.Message, StringComparison.Ordinal);
            Assert.Contains("pg_upgrade", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    [Fact]
    public async Task Data_survives_a_restart_of_the_AppHost()
    {
        var state = JarvisTestApp.NewStateDirectory();
        try
        {
            await using (var first = await Start(state))
            {
                await Execute(first.GetConnectionString("jarvisdb"), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
            }

            // The first server's pooled connections died with it.
            NpgsqlConnection.ClearAllPools();
            await using var second = await Start(state);
            Assert.Equal("still here", await Execute(second.GetConnectionString("jarvisdb"), "SELECT note FROM kept"));
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    private static Task<JarvisTestApp> Start(string state) =>
        JarvisTestApp.StartAsync(b => b.AddPostgres("postgres").AddDatabase("jarvisdb"), state);

    private static async Task<object?> Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
