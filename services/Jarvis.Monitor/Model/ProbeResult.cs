namespace Jarvis.Monitor.Model;

/// <summary>What one attempt found: whether it passed, how long it took, and why it failed (or a note when it passed).</summary>
public sealed record ProbeResult(bool Ok, double LatencyMs, string? Message)
{
    /// <summary>Days until the certificate expires, for tls checks (and https ones).</summary>
    public double? CertificateDays { get; init; }

    public bool? CertificateValid { get; init; }

    public static ProbeResult Pass(double latencyMs, string? message = null) => new(true, latencyMs, message);

    public static ProbeResult Fail(double latencyMs, string message) => new(false, latencyMs, message);
}
