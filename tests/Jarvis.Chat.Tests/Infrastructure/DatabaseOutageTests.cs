using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Jarvis.Chat.Model;
using Npgsql;

namespace Jarvis.Chat.Tests.Infrastructure;

/// <summary>
/// PostgreSQL killed or restarted under load: every answer is a success or a 503 problem with
/// <c>Retry-After</c>, never a 500; a read right after the server is back succeeds (retried on a fresh connection).
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class DatabaseOutageTests(ChatServiceFixture chat)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task While_postgres_is_killed_and_comes_back_requests_succeed_or_answer_503_with_retry_after()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await CreateConversationAsync(user);
        var mark = chat.LogMark();
        var answers = new ConcurrentBag<(string Request, int Status, bool RetryAfter, string Body)>();
        using var stop = new CancellationTokenSource();

        // Four clients keep reading and writing while the server dies and restarts.
        var load = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                n++;
                var request = (n % 4) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Get, "/api/chat/conversations"),
                    1 => new HttpRequestMessage(HttpMethod.Get, $"/api/chat/conversations/{conversation}/messages"),
                    2 => new HttpRequestMessage(HttpMethod.Get, "/api/chat/search?q=lights"),
                    _ => new HttpRequestMessage(HttpMethod.Post, $"/api/chat/conversations/{conversation}/messages")
                    {
                        Content = JsonContent.Create(new { content = "lights on", clientId = $"c{client}-{n}" }),
                    },
                };
                var label = $"{request.Method} {request.RequestUri}";
                using var response = await user.Http.SendAsync(request);
                answers.Add((label, (int)response.StatusCode, response.Headers.RetryAfter?.Delta > TimeSpan.Zero,
                    await response.Content.ReadAsStringAsync()));
                request.Dispose();
            }
        })).ToList();

        try
        {
            await WaitUntilAsync(() => answers.Count >= 20, "the load did not get going");
            chat.App.KillResource("postgres");
            // Supervision restarts it; the first failures show the outage reached the service.
            await WaitUntilAsync(() => answers.Any(a => a.Status >= 500), "no request noticed the database was gone");
            await chat.App.WaitForHealthyAsync("postgres", Deadline);
            var served = answers.Count;
            await WaitUntilAsync(() => answers.Skip(served).Count(a => a.Status is >= 200 and < 300) >= 8, "requests did not succeed again");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
            await chat.App.WaitForHealthyAsync("postgres", Deadline);
            await chat.WaitUntilHealthyAsync();
        }

        var wrong = answers.Where(a => a.Status is not (200 or 201) && !(a.Status == 503 && a.RetryAfter)).ToList();
        Assert.True(wrong.Count == 0, "not a success nor a 503 with Retry-After:\n" + string.Join('\n', wrong.Take(5).Select(a => $"{a.Request} → {a.Status} {a.Body}")));
        Assert.Contains(answers, a => a.Status == 503);
        // One warning line per refusal, no exception page with its stack trace.
        Assert.DoesNotContain("An unhandled exception has occurred", chat.LogSince(mark), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_right_after_postgres_ends_the_services_sessions_succeeds_on_a_fresh_connection()
    {
        using var user = await chat.NewUserAsync();
        await CreateConversationAsync(user);
        // Fill the pool with connections, then have the server end every one of them (57P01, as a restart does).
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => ListAsync(user)));
        await using var superuser = new NpgsqlConnection(chat.Postgres.SuperuserConnectionString());
        await superuser.OpenAsync();
        Assert.True(await ScalarAsync(superuser, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'Jarvis.Chat'") > 0);
        await WaitUntilAsync(async () => await ScalarAsync(superuser, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'Jarvis.Chat'") == 0,
            "the sessions did not end");

        // The first use of a pooled connection whose session has gone.
        Assert.Equal(HttpStatusCode.OK, await ListAsync(user));
        Assert.Equal(HttpStatusCode.OK, await ListAsync(user));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<Guid> CreateConversationAsync(TestUser user)
    {
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "Outage" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<Conversation>())!.Id;
    }

    private static async Task<HttpStatusCode> ListAsync(TestUser user)
    {
        using var response = await user.Http.GetAsync("/api/chat/conversations");
        return response.StatusCode;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
