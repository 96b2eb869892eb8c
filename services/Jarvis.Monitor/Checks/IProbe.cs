using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>Probes one kind of check. The token is cancelled at the check's timeout; an exception is a failure.</summary>
public interface IProbe
{
    IEnumerable<CheckKind> Kinds { get; }

    Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken);

    /// <summary>The check stopped (deleted, changed, paused): let go of what was held for it.</summary>
    Task ReleaseAsync(CheckDefinition check, CancellationToken cancellationToken) => Task.CompletedTask;
}
