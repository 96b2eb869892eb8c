using System.Net;
using System.Net.Http.Json;
using Jarvis.Chat.Model;
using Jarvis.Chat.Replies;
using Npgsql;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class MessagesApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task A_send_answers_201_with_the_stored_message_and_jarviss_reply()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user);

        using var response = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages", new { content = "help", clientId = "n1" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var exchange = (await response.Content.ReadFromJsonAsync<MessageExchange>())!;
        Assert.Equal(("user", "help", "n1", conversation), (exchange.Message.Role, exchange.Message.Content, exchange.Message.ClientId, exchange.Message.ConversationId));
        Assert.Equal(("assistant", exchange.Message.Id), (exchange.Reply.Role, exchange.Reply.ReplyTo));
        Assert.Equal(HelpSkill.Text, exchange.Reply.Content);

        var page = await user.Http.GetFromJsonAsync<Page<Message>>($"/api/chat/conversations/{conversation}/messages");
        Assert.Equal([exchange.Reply.Id, exchange.Message.Id], page!.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task The_same_client_id_sent_again_returns_the_first_result_and_stores_nothing()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user);
        var url = $"/api/chat/conversations/{conversation}/messages";

        using var first = await user.Http.PostAsJsonAsync(url, new { content = "hello", clientId = "dup" });
        using var again = await user.Http.PostAsJsonAsync(url, new { content = "hello, edited", clientId = "dup" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadFromJsonAsync<MessageExchange>(), await again.Content.ReadFromJsonAsync<MessageExchange>());
        Assert.Equal(2, await CountMessagesAsync(conversation));
    }

    [Fact]
    public async Task Ten_concurrent_sends_with_one_client_id_store_one_message_pair()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user);
        var url = $"/api/chat/conversations/{conversation}/messages";

        using var start = new SemaphoreSlim(0);
        var sends = Enumerable.Range(0, 10).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await user.Http.PostAsJsonAsync(url, new { content = "what time is it?", clientId = "ten-at-once" });
            return (response.StatusCode, Body: (await response.Content.ReadFromJsonAsync<MessageExchange>())!);
        }).ToList();
        start.Release(10);
        var results = await Task.WhenAll(sends);

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(results.Select(r => r.Body).Distinct());
        Assert.Equal(2, await CountMessagesAsync(conversation));
    }

    [Fact]
    public async Task Paging_is_stable_while_new_messages_arrive()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user);
        var url = $"/api/chat/conversations/{conversation}/messages";
        for (var i = 0; i < 5; i++)
        {
            await user.Http.PostAsJsonAsync(url, new { content = $"message {i}", clientId = $"p{i}" });
        }

        // 10 messages. Read them 3 at a time while another 3 pairs arrive between the pages.
        var seen = new List<Message>();
        string? before = null;
        var round = 0;
        do
        {
            var page = (await user.Http.GetFromJsonAsync<Page<Message>>($"{url}?limit=3{(before is null ? "" : $"&before={before}")}"))!;
            seen.AddRange(page.Items);
            before = page.NextBefore;
            if (round++ < 3)
            {
                await user.Http.PostAsJsonAsync(url, new { content = $"late {round}", clientId = $"late{round}" });
            }
        }
        while (before is not null);

        Assert.Equal(10, seen.Count);
        Assert.Equal(seen.Count, seen.Select(m => m.Id).Distinct().Count());
        Assert.DoesNotContain(seen, m => m.Content.StartsWith("late", StringComparison.Ordinal));
        var expected = Enumerable.Range(0, 5).Reverse().SelectMany(i => new[] { "assistant", $"message {i}" });
        Assert.Equal(expected, seen.Select(m => m.Role == "assistant" ? "assistant" : m.Content));
    }

    [Fact]
    public async Task Limit_on_messages_is_clamped_too()
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user);
        await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages", new { content = "hi", clientId = "l" });
        foreach (var (limit, applied) in new[] { ("-5", 1), ("0", 1), ("1001", 1000), ("99999", 1000) })
        {
            var page = await user.Http.GetFromJsonAsync<Page<Message>>($"/api/chat/conversations/{conversation}/messages?limit={limit}");
            Assert.Equal(applied, page!.Limit);
            Assert.Equal(Math.Min(applied, 2), page.Items.Count);
        }
    }

    [Fact]
    public async Task Content_and_client_id_are_validated()
    {
        using var user = await chat.NewUserAsync();
        var url = $"/api/chat/conversations/{await NewConversationAsync(user)}/messages";

        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = "", clientId = "c" }), "content");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = " \n ", clientId = "c" }), "content");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { clientId = "c" }), "content");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = new string('a', 16_001), clientId = "c" }), "content");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = "hi" }), "clientId");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = "hi", clientId = "" }), "clientId");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = "hi", clientId = new string('c', 65) }), "clientId");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url, new { content = "hi", clientId = "a b" }), "clientId");

        using var longest = await user.Http.PostAsJsonAsync(url, new { content = new string('a', 16_000), clientId = new string('c', 64) });
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);
        using var shortest = await user.Http.PostAsJsonAsync(url, new { content = "a", clientId = "c" });
        Assert.Equal(HttpStatusCode.Created, shortest.StatusCode);
    }

    [Theory]
    [InlineData("hello", "Hello, ")]
    [InlineData("What time is it?", "It is ")]
    [InlineData("what's the date today?", "Today is ")]
    [InlineData("turn on the kitchen lights", AssistantReplies.Fallback)]
    [InlineData("what's the weather today", AssistantReplies.Fallback)]
    public async Task Jarvis_answers_with_its_skills_and_says_so_when_it_cannot(string content, string replyStart)
    {
        using var user = await chat.NewUserAsync();
        using var response = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{await NewConversationAsync(user)}/messages",
            new { content, clientId = "s" });
        var exchange = (await response.Content.ReadFromJsonAsync<MessageExchange>())!;
        Assert.StartsWith(replyStart, exchange.Reply.Content, StringComparison.Ordinal);
    }

    private static async Task<Guid> NewConversationAsync(TestUser user)
    {
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "t" });
        return (await created.Content.ReadFromJsonAsync<Conversation>())!.Id;
    }

    private async Task<long> CountMessagesAsync(Guid conversation)
    {
        await using var connection = new NpgsqlConnection(chat.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM chat.messages WHERE conversation_id = @c", connection);
        count.Parameters.AddWithValue("c", conversation);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
