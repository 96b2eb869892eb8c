using System.Diagnostics;
using System.Net.Sockets;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// Runs one attempt of a check within its timeout. Whatever happens (refusal, hang, a probe's own bug) the
/// answer is a result, never an exception and never later than the timeout plus a moment.
/// </summary>
public sealed class ProbeRunner
{
    private readonly Dictionary<CheckKind, IProbe> _probes = [];

    public ProbeRunner(IEnumerable<IProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        foreach (var probe in probes)
        {
            foreach (var kind in probe.Kinds)
            {
                _probes[kind] = probe;
            }
        }
    }

    public async Task<ProbeResult> RunAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!_probes.TryGetValue(check.Kind, out var probe))
        {
            return ProbeResult.Fail(0, $"No probe for checks of kind {check.Kind}.");
        }

        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(check.Timeout);
        try
        {
            // WaitAsync: a probe that ignores its token (a library stuck in a syscall) still cannot hold the check.
            return await probe.ProbeAsync(check, timeout.Token).WaitAsync(check.Timeout + TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return ProbeResult.Fail(elapsed, Describe(ex, check));
        }
    }

    private static string Describe(Exception ex, CheckDefinition check) => ex switch
    {
        OperationCanceledException or TimeoutException => $"No answer within {check.TimeoutMs} ms.",
        HttpRequestException { InnerException: SocketException socket } => socket.Message,
        HttpRequestException http => http.InnerException is { } inner ? $"{http.Message} ({inner.Message})" : http.Message,
        _ => ex.Message,
    };
}
