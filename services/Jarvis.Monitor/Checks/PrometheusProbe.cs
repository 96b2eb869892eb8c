using System.Diagnostics;
using System.Text.Json;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Checks;

/// <summary>Prometheus: <c>/-/healthy</c> answers and every active scrape target is up (those that are not are named).</summary>
public sealed class PrometheusProbe(ProbeHttpClient client) : IProbe
{
    public IEnumerable<CheckKind> Kinds => [CheckKind.Prometheus];

    public async Task<ProbeResult> ProbeAsync(CheckDefinition check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        var http = client.Http;
        var root = new Uri(check.Url!);
        var started = Stopwatch.GetTimestamp();
        using (var healthy = await http.GetAsync(new Uri(root, "/-/healthy"), cancellationToken))
        {
            if (!healthy.IsSuccessStatusCode)
            {
                return ProbeResult.Fail(Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"/-/healthy answered HTTP {(int)healthy.StatusCode}.");
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var targets = await http.GetAsync(new Uri(root, "/api/v1/targets?state=active"), cancellationToken);
        using var document = JsonDocument.Parse(await targets.Content.ReadAsStringAsync(cancellationToken));
        var down = new List<string>();
        var total = 0;
        foreach (var target in document.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray())
        {
            total++;
            var health = target.GetProperty("health").GetString();
            if (health != "up")
            {
                var url = target.TryGetProperty("scrapeUrl", out var u) ? u.GetString() : "?";
                var error = target.TryGetProperty("lastError", out var e) ? e.GetString() : null;
                down.Add(string.IsNullOrEmpty(error) ? $"{url} {health}" : $"{url} {health} ({error})");
            }
        }

        return down.Count == 0
            ? ProbeResult.Pass(elapsed, $"{total} targets up")
            : ProbeResult.Fail(elapsed, $"{down.Count} of {total} targets not up: {string.Join("; ", down)}");
    }
}
