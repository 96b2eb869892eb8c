using Npgsql;

namespace Jarvis.AppHost.Infrastructure;

/// <summary>Health probes: can this connection string run <c>SELECT 1</c>?</summary>
internal static class PostgresProbe
{
    public static async Task<bool> CanQueryAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            var csb = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(csb.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            return (int?)await command.ExecuteScalarAsync(cancellationToken) == 1;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            return false;
        }
    }
}
