using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>TLS: the certificate is valid for the host and has at least <c>certificateMinDays</c> (14) days left.</summary>
public sealed class TlsProbe(TimeProvider time) : IProbe
{
    public const int DefaultMinDays = 14;

    public IEnumerable<CheckKind> Kinds => [CheckKind.Tls];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var started = Stopwatch.GetTimestamp();
        using var client = new TcpClient();
        await client.ConnectAsync(check.Host!, check.Port ?? 443, cancellationToken);
        var errors = SslPolicyErrors.None;
        DateTime? notAfter = null;
        await using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, cert, _, policy) =>
        {
            // Remembered before the verdict, so that a refused certificate still reports its days.
            errors = policy;
            notAfter = (cert as X509Certificate2)?.NotAfter.ToUniversalTime();
            return policy == SslPolicyErrors.None;
        });
        bool valid;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = check.Host }, cancellationToken);
            valid = true;
        }
        catch (AuthenticationException) when (notAfter is not null)
        {
            valid = false;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (notAfter is not { } expiry)
        {
            return ProbeResult.Fail(elapsed, "The server sent no certificate.");
        }

        var days = (expiry - time.GetUtcNow().UtcDateTime).TotalDays;
        var minDays = check.CertificateMinDays ?? DefaultMinDays;
        var result = !valid
            ? ProbeResult.Fail(elapsed, $"The certificate is not valid: {errors}.")
            : days < minDays
                ? ProbeResult.Fail(elapsed, $"The certificate expires in {days:F1} days (less than {minDays}).")
                : ProbeResult.Pass(elapsed, $"{days:F0} days left");
        return result with { CertificateDays = Math.Round(days, 2), CertificateValid = valid };
    }
}
