using System.Diagnostics;
using Jarvis.Monitor.Model;
using Npgsql;

namespace Jarvis.Monitor.Checks;

/// <summary>PostgreSQL: a query answers, on a connection of its own (so a full pool is not mistaken for an outage, nor hides one).</summary>
public sealed class PostgresProbe(NpgsqlDataSource database) : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Postgres];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
        return ProbeResult.Pass(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
