using System.Diagnostics;
using Jarvis.Monitor.Model;
using Npgsql;

namespace Jarvis.Monitor.Checks;

/// <summary>PostgreSQL: a query answers.</summary>
public sealed class PostgresProbe(NpgsqlDataSource database) : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Postgres];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var command = database.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
        return ProbeResult.Pass(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
