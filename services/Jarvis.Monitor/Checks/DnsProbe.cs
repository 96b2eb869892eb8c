using System.Diagnostics;
using System.Net;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>DNS: the name resolves (through the machine's resolver), to <c>expectedAddress</c> among others when given.</summary>
public sealed class DnsProbe : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Dns];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var started = Stopwatch.GetTimestamp();
        var addresses = await Dns.GetHostAddressesAsync(check.Host!, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var listed = string.Join(", ", addresses.Select(a => a.ToString()));
        if (addresses.Length == 0)
        {
            return ProbeResult.Fail(elapsed, $"{check.Host} has no address.");
        }

        if (check.ExpectedAddress is { } expected && !addresses.Any(a => a.Equals(IPAddress.Parse(expected))))
        {
            return ProbeResult.Fail(elapsed, $"{check.Host} resolves to {listed}, not {expected}.");
        }

        return ProbeResult.Pass(elapsed, listed);
    }
}
