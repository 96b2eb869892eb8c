using Jarvis.AppHost.Hosting;
using Jarvis.AppHost.Testing;
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
    public async Task Data_survives_a_restart_of_the_AppHost()
    {
        var state = Path.Combine(Path.GetTempPath(), "jarvis-test-restart-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var first = Start(state))
            {
                await first.StartAsync();
                await Execute(first.GetConnectionString("jarvisdb"), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
            }

            // The first server's pooled connections died with it.
            NpgsqlConnection.ClearAllPools();
            await using var second = Start(state);
            await second.StartAsync();
            Assert.Equal("still here", await Execute(second.GetConnectionString("jarvisdb"), "SELECT note FROM kept"));
        }
        finally
        {
            TestDirectories.Delete(state);
        }
    }

    private static DistributedApplication Start(string state)
    {
        var builder = DistributedApplicationTestingBuilder.Create(state);
        builder.AddPostgres("postgres").AddDatabase("jarvisdb");
        return builder.Build();
    }

    private static async Task<object?> Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
