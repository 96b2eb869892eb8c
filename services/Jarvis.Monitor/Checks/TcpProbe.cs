using System.Diagnostics;
using System.Net.Sockets;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>TCP: the port accepts a connection.</summary>
public sealed class TcpProbe : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Tcp];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var started = Stopwatch.GetTimestamp();
        using var client = new TcpClient();
        await client.ConnectAsync(check.Host!, check.Port!.Value, cancellationToken);
        return ProbeResult.Pass(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
