using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jarvis.Monitor.Tests.Targets;
using Jarvis.Testing;

namespace Jarvis.Monitor.Tests;

/// <summary>Defining checks through the API: validation as chat's, admins only for changes, and bad targets answered with a clear error.</summary>
[Collection(MonitorCollection.Name)]
public sealed class ChecksApiTests(PostgresFixture postgres, MosquittoFixture mqtt)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static int _databases;

    public static TheoryData<string, string> Malformed => new()
    {
        { """{"id":"Bad Name","kind":"tcp","host":"127.0.0.1","port":80}""", "id" },
        { """{"id":"x","kind":"ftp"}""", "kind" },
        { """{"id":"x","kind":"http","url":"file:///etc/passwd"}""", "url" },
        { """{"id":"x","kind":"http","url":"http://127.0.0.1/","intervalSeconds":0}""", "intervalSeconds" },
        { """{"id":"x","kind":"http","url":"http://127.0.0.1/","timeoutMs":60001}""", "timeoutMs" },
        { """{"id":"x","kind":"http","url":"http://127.0.0.1/","failureThreshold":0}""", "failureThreshold" },
        { """{"id":"x","kind":"http","url":"http://127.0.0.1/","jsonPath":"status"}""", "jsonPath" },
        { """{"id":"x","kind":"http","url":"http://127.0.0.1/","method":"BREW"}""", "method" },
        { """{"id":"x","kind":"tcp","host":"127.0.0.1","port":70000}""", "port" },
        { """{"id":"x","kind":"dns","host":"example.org","expectedAddress":"not-an-ip"}""", "expectedAddress" },
        { """{"id":"x","kind":"mqtt","topic":"a/#/b"}""", "topic" },
        { """{"id":"x","kind":"tcp","host":"127.0.0.1","port":1,"maintenance":[{"start":"2026-12-07T10:00:00Z","end":"2026-12-07T09:00:00Z"}]}""", "maintenance" },
        { """{"id":"x","kind":"tcp","host":"127.0.0.1","port":1,"name":"a\u0000b"}""", "name" },
        { """{"id":"x","kind":"tcp","host":"127.0.0.1","port":"eighty"}""", "port" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_definition_is_a_validation_problem_naming_the_field(string body, string field)
    {
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync($"monitor_api_malformed_{Interlocked.Increment(ref _databases)}"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);

        using var response = await admin.PostAsync(new Uri("/api/monitor/checks", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(problem["errors"]?[field] is not null || (problem["detail"]?.GetValue<string>() ?? "").Contains(field, StringComparison.OrdinalIgnoreCase),
            $"The problem does not name {field}: {problem}");
    }

    [Fact]
    public async Task People_read_admins_change_and_a_check_is_created_paused_resumed_and_deleted()
    {
        using var target = new TcpTarget();
        target.Open();
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_api_crud"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        using var person = service.ClientFor(MonitorService.Person);
        var definition = new { id = "port", kind = "tcp", host = "127.0.0.1", port = target.Port, intervalSeconds = 1 };

        using (var refused = await person.PostAsJsonAsync(new Uri("/api/monitor/checks", UriKind.Relative), definition))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        await CheckApi.CreateAsync(admin, definition);
        using (var again = await admin.PostAsJsonAsync(new Uri("/api/monitor/checks", UriKind.Relative), definition))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var builtIn = await admin.DeleteAsync(new Uri("/api/monitor/checks/postgres", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Conflict, builtIn.StatusCode);
        }

        var listed = await CheckApi.GetAsync(person, "/api/monitor/checks");
        Assert.Equal(["postgres", "mqtt", "port"], listed["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        var stored = await CheckApi.GetAsync(person, "/api/monitor/checks/port");
        Assert.Equal(2, stored["failureThreshold"]!.GetValue<int>());
        Assert.Equal(800, stored["timeoutMs"]!.GetValue<int>());

        await Eventually.TrueAsync(async () => (await CheckApi.StatusOfAsync(person, "port"))?["status"]?.GetValue<string>() == "up", Wait, "the check up");
        (await admin.PostAsync(new Uri("/api/monitor/checks/port/pause", UriKind.Relative), null)).Dispose();
        await Eventually.TrueAsync(async () => (await CheckApi.StatusOfAsync(person, "port"))?["status"]?.GetValue<string>() == "paused", Wait, "the check paused");
        (await admin.PostAsync(new Uri("/api/monitor/checks/port/resume", UriKind.Relative), null)).Dispose();
        await Eventually.TrueAsync(async () => (await CheckApi.StatusOfAsync(person, "port"))?["status"]?.GetValue<string>() == "up", Wait, "the check resumed");

        await Eventually.TrueAsync(async () => (await CheckApi.GetAsync(person, "/api/monitor/checks/port/history?resolution=raw"))["items"]!.AsArray().Count > 0, Wait, "raw history");
        await Eventually.TrueAsync(async () => (await CheckApi.GetAsync(person, "/api/monitor/checks/port/history?resolution=hour"))["items"]!.AsArray().Count == 1, Wait, "an hourly rollup");
        await Eventually.TrueAsync(async () => (await CheckApi.StatusOfAsync(person, "port")) is not null
            && (await CheckApi.GetAsync(person, "/api/monitor/status"))["checks"]!.AsArray().First(c => c!["check"]!["id"]!.GetValue<string>() == "port")!["uptime"]!["day"] is JsonValue day
            && day.GetValue<double>() == 1.0, Wait, "a 24 h uptime of 1");

        using (var bad = await person.GetAsync(new Uri("/api/monitor/checks/port/history?resolution=minute&from=yesterday", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject();
            Assert.True(errors.ContainsKey("resolution") && errors.ContainsKey("from"));
        }

        using (var deleted = await admin.DeleteAsync(new Uri("/api/monitor/checks/port", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await Eventually.TrueAsync(async () => await CheckApi.StatusOfAsync(person, "port") is null, Wait, "the check gone");
        using var missing = await person.GetAsync(new Uri("/api/monitor/checks/port", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unreachable_slow_huge_and_redirect_looping_targets_fail_with_a_reason_and_never_hang_the_check()
    {
        using var unreachable = new TcpTarget();
        using var server = new BadServer();
        await using var service = MonitorService.With(await postgres.CreateDatabaseAsync("monitor_api_bad_targets"), mqtt.ConnectionString);
        using var admin = service.ClientFor(MonitorService.Admin);
        await CheckApi.CreateAsync(admin, new { id = "unreachable", kind = "http", url = $"http://127.0.0.1:{unreachable.Port}/", intervalSeconds = 1, failureThreshold = 1 });
        await CheckApi.CreateAsync(admin, new { id = "slow", kind = "http", url = server.Url("slow"), intervalSeconds = 1, timeoutMs = 300, failureThreshold = 1 });
        await CheckApi.CreateAsync(admin, new { id = "huge", kind = "http", url = server.Url("huge"), intervalSeconds = 1, bodyContains = "needle", failureThreshold = 1 });
        await CheckApi.CreateAsync(admin, new { id = "loop", kind = "http", url = server.Url("loop"), intervalSeconds = 1, failureThreshold = 1 });
        await CheckApi.CreateAsync(admin, new { id = "json", kind = "http", url = server.Url("json"), intervalSeconds = 1, jsonPath = "$.status", jsonEquals = "ok", failureThreshold = 1 });
        await CheckApi.CreateAsync(admin, new { id = "nodns", kind = "dns", host = "no-such-host.invalid", intervalSeconds = 1, failureThreshold = 1 });

        string? Message(string id) => service.Board.Find(id) is { Status: var s } c && s.ToString() == "Down" ? c.Message : null;
        Assert.Contains("refused", await Eventually.GetAsync(() => Message("unreachable"), Wait, "unreachable down"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("No answer within 300 ms.", await Eventually.GetAsync(() => Message("slow"), Wait, "slow down"));
        Assert.Equal("The body does not contain 'needle'.", await Eventually.GetAsync(() => Message("huge"), Wait, "huge down"));
        Assert.Contains("redirect", await Eventually.GetAsync(() => Message("loop"), Wait, "loop down"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("$.status is degraded, expected ok.", await Eventually.GetAsync(() => Message("json"), Wait, "json down"));
        Assert.NotNull(await Eventually.GetAsync(() => Message("nodns"), Wait, "dns down"));

        // Still attempting on schedule: a stuck check would stop advancing.
        var before = service.Board.Find("slow")!.LastCheckedAt;
        await Eventually.TrueAsync(() => service.Board.Find("slow")!.LastCheckedAt > before, Wait, "the slow check attempted again");
        Assert.True(server.HugeBytesSent < 64 * 1024 * 1024, $"{server.HugeBytesSent} bytes of the huge body were read");
    }
}
