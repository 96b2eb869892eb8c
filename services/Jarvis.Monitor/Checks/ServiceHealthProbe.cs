using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// A Jarvis service's <c>/health</c>, asked with this service's own token so the answer names each dependency:
/// Healthy and Degraded are up (Degraded names its reasons), anything else is down with the failing checks named.
/// </summary>
public sealed class ServiceHealthProbe(IHttpClientFactory clients) : IProbe
{
    public const string ClientName = "monitor-services";

    public IEnumerable<CheckKind> Kinds => [CheckKind.Service];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var http = clients.CreateClient(ClientName);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri(new Uri(check.Url!), "/health"), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var (status, reasons) = Read(body);
        return status switch
        {
            "Healthy" when response.StatusCode == HttpStatusCode.OK => ProbeResult.Pass(elapsed, "Healthy"),
            "Degraded" => ProbeResult.Pass(elapsed, $"Degraded: {reasons}"),
            null => ProbeResult.Fail(elapsed, $"HTTP {(int)response.StatusCode} without a health report."),
            _ => ProbeResult.Fail(elapsed, $"{status}: {reasons}"),
        };
    }

    private static (string? Status, string Reasons) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
            var reasons = new List<string>();
            if (root.TryGetProperty("checks", out var checks) && checks.ValueKind == JsonValueKind.Object)
            {
                foreach (var entry in checks.EnumerateObject())
                {
                    var entryStatus = entry.Value.TryGetProperty("status", out var es) ? es.GetString() : null;
                    if (entryStatus is not "Healthy")
                    {
                        var description = entry.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
                        reasons.Add(description is null ? $"{entry.Name} {entryStatus}" : $"{entry.Name} {entryStatus} ({description})");
                    }
                }
            }

            return (status, reasons.Count == 0 ? "no reason given" : string.Join("; ", reasons));
        }
        catch (JsonException)
        {
            return (null, "");
        }
    }
}
