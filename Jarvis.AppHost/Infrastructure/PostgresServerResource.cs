using Aspire.Hosting.ApplicationModel;
using Jarvis.AppHost.Hosting;
using Npgsql;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>
/// PostgreSQL from Debian's <c>postgresql</c> package, data in <c>.jarvis/postgres</c>. As root it
/// runs as the <c>postgres</c> account. Services log in as the <c>jarvis</c> role, never as the superuser.
/// </summary>
public sealed class PostgresServerResource(string name, string command, string workingDirectory, int port, SecretStore secrets)
    : ExecutableResource(name, command, workingDirectory)
{
    public const string ApplicationRole = "jarvis";
    public const string EndpointName = "tcp";

    public int Port { get; } = port;

    public IList<PostgresDatabaseResource> Databases { get; } = [];

    public EndpointReference Endpoint => new(this, EndpointName);

    public string SuperuserPassword => secrets.GetOrCreate("postgres-superuser-password");

    public string ApplicationPassword => secrets.GetOrCreate("postgres-jarvis-password");

    public string SuperuserConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Password = SuperuserPassword,
        Database = database,
        Timeout = 3,
        Pooling = false,
    }.ConnectionString;

    public string ApplicationConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ApplicationRole,
        Password = ApplicationPassword,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the application role and every declared database; safe to repeat.</summary>
    public async Task CreateRoleAndDatabasesAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(SuperuserConnectionString());
        await connection.OpenAsync(cancellationToken);
        // The password holds only base64url characters, so it is safe inside the literal.
        await ExecuteAsync(connection, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN
                CREATE ROLE {ApplicationRole} LOGIN;
              END IF;
            END $$;
            ALTER ROLE {ApplicationRole} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{ApplicationPassword}';
            """, cancellationToken);
        foreach (var database in Databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await ExecuteAsync(connection, $"CREATE DATABASE \"{database.DatabaseName}\" OWNER {ApplicationRole} ENCODING 'UTF8'", cancellationToken);
                await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE \"{database.DatabaseName}\" FROM PUBLIC", cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
