using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Monitor.Tests.Targets;
using Jarvis.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>The status as the outside sees it: Server-Sent Events of changes, Uptime Kuma's metric names, the committed OpenAPI document.</summary>
[Collection(MonitorCollection.Name)]
public sealed class StatusStreamAndMetricsTests(PostgresFixture postgres, MosquittoFixture mqtt)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_event_stream_sends_each_status_then_the_changes_as_they_happen()
    {
        using var target = new TcpTarget();
        target.Open();
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_events"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        await CheckApi.CreateAsync(admin, new { id = "stream", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1, failureThreshold = 1 });
        await Eventually.TrueAsync(() => service.Board.Find("stream")?.Status.ToString() == "Up", Wait, "the check up");

        using var person = service.ClientFor(MonitorService.Person);
        using var timeout = new CancellationTokenSource(Wait);
        using var response = await person.GetAsync(new Uri("/api/monitor/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = await ReadEventAsync(reader, e => e.Name == "status" && e.Data["id"]!.GetValue<string>() == "stream", timeout.Token);
        Assert.Equal("up", first.Data["status"]!.GetValue<string>());

        target.Close();
        var change = await ReadEventAsync(reader, e => e.Name == "change" && e.Data["checkId"]!.GetValue<string>() == "stream", timeout.Token);
        Assert.Equal(("up", "down"), (change.Data["from"]!.GetValue<string>(), change.Data["to"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Metrics_carry_uptime_kumas_names_and_labels_for_each_check()
    {
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_metrics"), mqtt.ConnectionString);
        using var http = service.CreateClient();
        await Eventually.TrueAsync(() => service.Board.Find("postgres")?.Status.ToString() == "Up" && service.Board.Find("mqtt")?.Status.ToString() == "Up", Wait, "the built-in checks up");

        var text = await Eventually.GetAsync(async () =>
        {
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return metrics.Contains("monitor_response_time{", StringComparison.Ordinal) ? metrics : null;
        }, Wait, "monitor_* metrics");
        var statusLines = text.Split('\n').Where(l => l.StartsWith("monitor_status{", StringComparison.Ordinal)).ToList();
        var postgresLine = Assert.Single(statusLines, l => l.Contains("monitor_name=\"postgres\"", StringComparison.Ordinal));
        Assert.Contains("monitor_type=\"postgres\"", postgresLine, StringComparison.Ordinal);
        Assert.Equal("1", postgresLine[(postgresLine.LastIndexOf('}') + 2)..].Split(' ')[0]);
        Assert.Contains(statusLines, l => l.Contains("monitor_name=\"mqtt\"", StringComparison.Ordinal) && l.Contains("monitor_type=\"mqtt\"", StringComparison.Ordinal));
        Assert.Contains("jarvis_monitor_leader", text, StringComparison.Ordinal);
    }

    /// <summary>Regenerate with <c>JARVIS_UPDATE_OPENAPI=1 dotnet test tests/Jarvis.Monitor.Tests --filter OpenApi</c>.</summary>
    [Fact]
    public async Task The_served_openapi_document_matches_the_committed_copy_for_the_front_end()
    {
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_openapi"), mqtt.ConnectionString);
        using var anonymous = service.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = served["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/monitor/status", paths);
        Assert.Contains("/api/monitor/events", paths);

        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        var committed = Path.Combine(postgres.App.RepositoryRoot, "services", "Jarvis.Monitor", "Jarvis.Monitor.json");
        if (Environment.GetEnvironmentVariable("JARVIS_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committed, text);
        }

        Assert.True(File.Exists(committed), $"{committed} is missing; regenerate it (see this test's summary).");
        Assert.True(text == await File.ReadAllTextAsync(committed),
            "The served OpenAPI document differs from services/Jarvis.Monitor/Jarvis.Monitor.json; regenerate it (see this test's summary) and commit it.");
    }

    private static async Task<(string Name, JsonObject Data)> ReadEventAsync(StreamReader reader, Func<(string Name, JsonObject Data), bool> wanted, CancellationToken cancellationToken)
    {
        string? name = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                var e = (name, JsonNode.Parse(line["data: ".Length..])!.AsObject());
                if (wanted(e))
                {
                    return e;
                }
            }
        }

        throw new EndOfStreamException("The event stream ended.");
    }
}
