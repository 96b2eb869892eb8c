using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jarvis.AppHost.Services;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.Testing;
using Npgsql;

namespace Jarvis.Benchmarks;

/// <summary>
/// Message sends over HTTP (8 clients) against pgbench running the same transaction — two message
/// inserts and one conversation update — on the same database, in the same run.
/// </summary>
internal static partial class ChatBenchmarks
{
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("JARVIS_BENCH_CLIENTS"), out var n) ? n : 8;
    private const string Content = "what time is it?";

    public static async Task SendAsync(int seconds)
    {
        await using var app = await JarvisTestApp.StartAsync(b => ChatModel.Add(b));
        var minter = new InternalTokenMinter(app.Secrets.GetOrCreate(ServiceBuilderExtensions.SigningKeySecret, 64, base64: true));
        using var http = new HttpClient { BaseAddress = app.GetEndpoint("chat") };

        var admin = new InternalPrincipal(Guid.NewGuid().ToString(), "bench-admin", InternalRoles.Admin);
        var user = await CreateUserAsync(http, minter, admin);
        var httpConversations = await CreateConversationsAsync(http, minter, user);
        var pgbenchConversations = await CreateConversationsAsync(http, minter, user);

        // Warm up JIT, pools and caches before measuring, until tiered compilation has settled.
        Console.Error.WriteLine("warm-up");
        await RunWrkAsync(app.GetEndpoint("chat"), minter, user, httpConversations, (int)BenchmarkSettings.WarmUp.TotalSeconds, "warm-up");
        Console.Error.WriteLine("measure http");
        var httpRun = await RunWrkAsync(app.GetEndpoint("chat"), minter, user, httpConversations, seconds, "measure");
        var pgRun = await RunPgbenchAsync(app, Guid.Parse(user.Subject), pgbenchConversations, seconds, TransactionScript);
        var statementRun = await RunPgbenchAsync(app, Guid.Parse(user.Subject), pgbenchConversations, seconds, StatementScript);

        Console.WriteLine($"chat message send, {Clients} concurrent clients, {seconds} s each, same PostgreSQL database");
        Console.WriteLine($"{"",-34}{"tx/s",10}{"p50 ms",10}{"p99 ms",10}{"count",10}");
        Console.WriteLine(FormattableString.Invariant($"{"HTTP POST .../messages (chat, wrk)",-34}{httpRun.RequestsPerSecond,10:0}{httpRun.P50Ms,10:0.00}{httpRun.P99Ms,10:0.00}{httpRun.Requests,10}"));
        Print("pgbench, same transaction", pgRun);
        Print("pgbench, chat's one-statement send", statementRun);
        Console.WriteLine($"chat's own view (/metrics): mean server time per send {await ServerMeanMillisecondsAsync(http):0.00} ms");
        Console.WriteLine($"ratio HTTP / pgbench: {httpRun.RequestsPerSecond / pgRun.PerSecond:0.00} (goal >= 0.50)");
    }

    private static async Task<InternalPrincipal> CreateUserAsync(HttpClient http, InternalTokenMinter minter, InternalPrincipal admin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/users")
        {
            Content = JsonContent.Create(new { username = "bench", password = "benchmark password", role = "user" }),
        };
        request.Headers.Authorization = new("Bearer", minter.Mint(admin));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return new InternalPrincipal(id, "bench", InternalRoles.User);
    }

    private static async Task<Guid[]> CreateConversationsAsync(HttpClient http, InternalTokenMinter minter, InternalPrincipal user)
    {
        var ids = new Guid[Clients];
        for (var i = 0; i < Clients; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chat/conversations") { Content = JsonContent.Create(new { title = $"bench {i}" }) };
            request.Headers.Authorization = new("Bearer", minter.Mint(user));
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            ids[i] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        return ids;
    }

    /// <summary>
    /// wrk with one thread and one connection per client, each sending to its own conversation (as
    /// pgbench's clients each update their own), a new clientId per send, one internal token (as the
    /// gateway forwards one per session, minted per run: it lives at most 5 minutes). Every answer must
    /// be 201: the script counts the others (a repeated clientId answers 200, an error 4xx/5xx) and
    /// any such count fails the run.
    /// </summary>
    private static async Task<WrkResult> RunWrkAsync(Uri chat, InternalTokenMinter minter, InternalPrincipal user, Guid[] conversations, int seconds, string label)
    {
        var token = minter.Mint(user, InternalAuthOptions.MaxLifetime);
        var work = Directory.CreateTempSubdirectory("jarvis-wrk-");
        try
        {
            // The token reaches wrk in a 0600 file, never on its command line.
            var script = Path.Combine(work.FullName, "send.lua");
            await File.WriteAllTextAsync(script, $$"""
                local conversations = { {{string.Join(", ", conversations.Select(c => $"\"{c}\""))}} }
                local started = 0
                local threads = {}
                function setup(thread)
                  started = started + 1
                  threads[started] = thread
                  thread:set("conversation", conversations[started])
                  thread:set("client", tostring(started))
                end
                local sent = 0
                local headers = {}
                function init(args)
                  path = "/api/chat/conversations/" .. conversation .. "/messages"
                  headers["Content-Type"] = "application/json"
                  headers["Authorization"] = "Bearer {{token}}"
                end
                function request()
                  sent = sent + 1
                  local body = '{"content":"{{Content}}","clientId":"{{label}}-' .. client .. '-' .. sent .. '"}'
                  return wrk.format("POST", path, headers, body)
                end
                failed = 0
                function response(status, headers, body)
                  if status ~= 201 then
                    failed = failed + 1
                    if failed <= 3 then io.stderr:write("send answered " .. status .. ": " .. body .. "\n") end
                  end
                end
                function done(summary, latency, requests)
                  local total = 0
                  for _, thread in ipairs(threads) do total = total + thread:get("failed") end
                  io.write("answers other than 201: " .. total .. "\n")
                end
                """);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var result = await Wrk.RunAsync([chat.ToString()], seconds, conversations.Length, conversations.Length, script);
            var not201 = NotCreated().Match(result.Output);
            return not201.Success && not201.Groups[1].Value == "0"
                ? result
                : throw new InvalidOperationException($"sends did not all answer 201 ({(not201.Success ? not201.Groups[1].Value : "no count")}): {result.Output}");
        }
        finally
        {
            TestDirectories.Delete(work.FullName);
        }
    }

    [GeneratedRegex(@"answers other than 201: (\d+)")]
    private static partial Regex NotCreated();

    /// <summary>The issue's transaction, as a person would write it: BEGIN, two inserts, one update, END.</summary>
    private static string TransactionScript(string conversation, Guid userId) => $"""
        BEGIN;
        INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
          VALUES (gen_random_uuid(), {conversation}, '{userId}', 'user', '{Content}', gen_random_uuid()::text);
        INSERT INTO chat.messages (id, conversation_id, user_id, role, content)
          VALUES (gen_random_uuid(), {conversation}, '{userId}', 'assistant', 'It is 20:45 (UTC).');
        UPDATE chat.conversations SET updated_at = now(), title = COALESCE(title, 'x') WHERE id = {conversation};
        END;
        """;

    /// <summary>The same work as the one statement MessageStore sends (lock, two inserts, update).</summary>
    private static string StatementScript(string conversation, Guid userId) => $"""
        WITH c AS (SELECT id FROM chat.conversations WHERE id = {conversation} AND user_id = '{userId}' FOR UPDATE),
        s AS (INSERT INTO chat.messages (id, conversation_id, user_id, role, content, client_id)
              SELECT gen_random_uuid(), id, '{userId}', 'user', '{Content}', gen_random_uuid()::text FROM c
              ON CONFLICT (conversation_id, client_id) WHERE client_id IS NOT NULL DO NOTHING RETURNING id, conversation_id),
        r AS (INSERT INTO chat.messages (id, conversation_id, user_id, role, content, reply_to)
              SELECT gen_random_uuid(), conversation_id, '{userId}', 'assistant', 'It is 20:45 (UTC).', id FROM s RETURNING conversation_id),
        t AS (UPDATE chat.conversations SET updated_at = now(), title = COALESCE(title, 'x') WHERE id = (SELECT conversation_id FROM r))
        SELECT 1;
        """;

    private static async Task<Run> RunPgbenchAsync(JarvisTestApp app, Guid userId, Guid[] conversations, int seconds, Func<string, Guid, string> body)
    {
        var connection = new NpgsqlConnectionStringBuilder(app.GetConnectionString("jarvisdb"));
        var work = Directory.CreateTempSubdirectory("jarvis-pgbench-");
        try
        {
            // The password reaches pgbench in a 0600 file, never on its command line or environment.
            var passfile = Path.Combine(work.FullName, "pgpass");
            await File.WriteAllTextAsync(passfile, $"{connection.Host}:{connection.Port}:{connection.Database}:{connection.Username}:{connection.Password}\n");
            File.SetUnixFileMode(passfile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var script = Path.Combine(work.FullName, "send.sql");
            var conversation = $"CASE :c::int {string.Join(' ', conversations.Select((c, i) => $"WHEN {i} THEN '{c}'::uuid"))} END";
            await File.WriteAllTextAsync(script, "\\set c :client_id\n" + body(conversation, userId) + "\n");

            var start = new ProcessStartInfo("/usr/bin/pgbench") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = work.FullName };
            foreach (var arg in new[]
            {
                "-n", "-M", "prepared", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
                "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script, "-l", "--log-prefix", Path.Combine(work.FullName, "tx"),
                "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!,
            })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["PGPASSFILE"] = passfile;
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {output}{error}");
            }

            var tps = double.Parse(output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal))["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
            // Per-transaction log lines: client_id transaction_no time(µs) script_no epoch µs.
            var latencies = Directory.GetFiles(work.FullName, "tx.*")
                .SelectMany(File.ReadLines)
                .Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture) / 1000.0)
                .ToList();
            return new Run(tps, latencies);
        }
        finally
        {
            TestDirectories.Delete(work.FullName);
        }
    }

    /// <summary>The service's request-duration histogram for the send route: where the time goes, server or client.</summary>
    private static async Task<double> ServerMeanMillisecondsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        double Value(string series) => text.Split('\n')
            .Where(l => l.StartsWith(series, StringComparison.Ordinal) && l.Contains("http_route=\"/api/chat/conversations/{id}/messages", StringComparison.Ordinal)
                && l.Contains("http_request_method=\"POST\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        var count = Value("http_server_request_duration_seconds_count");
        return count == 0 ? double.NaN : Value("http_server_request_duration_seconds_sum") / count * 1000;
    }

    private static void Print(string what, Run run)
    {
        var sorted = run.Latencies.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"{what,-34}{run.PerSecond,10:0}{P(0.50),10:0.00}{P(0.99),10:0.00}{sorted.Count,10}");
    }

    private sealed record Run(double PerSecond, List<double> Latencies);
}
