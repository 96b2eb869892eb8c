using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

/// <summary>
/// Text PostgreSQL cannot store (NUL, SQLSTATE 22021; unpaired surrogates) is a 400 naming the field on
/// every route, checked before any lookup: never a 500, never the 404 of a conversation that does not exist.
/// </summary>
[Collection(ChatCollection.Name)]
public sealed class UnstorableTextTests(ChatServiceFixture chat)
{
    private const string Nul = "light\u0000s";

    // JSON text as a client may send it: an escaped NUL, a lone high and a lone low surrogate escape.
    public static TheoryData<string> Unstorable => new() { "\"light\\u0000s\"", "\"light\\ud800s\"", "\"light\\udc00s\"" };

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task A_title_or_content_the_database_cannot_store_is_a_400_naming_it_even_for_a_conversation_that_does_not_exist(string json)
    {
        var mark = chat.LogMark();
        using var user = await chat.NewUserAsync();
        var missing = Guid.NewGuid();
        await Problem.AssertFieldAsync(await user.Http.PostAsync("/api/chat/conversations", Json($$"""{"title":{{json}}}""")), "title");
        await Problem.AssertFieldAsync(await user.Http.PatchAsync($"/api/chat/conversations/{missing}", Json($$"""{"title":{{json}}}""")), "title");
        await Problem.AssertFieldAsync(await user.Http.PostAsync($"/api/chat/conversations/{missing}/messages",
            Json($$"""{"content":{{json}},"clientId":"c1"}""")), "content");
        await Problem.AssertFieldAsync(await user.Http.PostAsync($"/api/chat/conversations/{missing}/messages",
            Json($$"""{"content":"hello","clientId":{{json}}}""")), "clientId");
        AssertNoDatabaseRefusalLoggedSince(mark);
    }

    [Fact]
    public async Task A_search_query_with_NUL_is_a_400_naming_q()
    {
        var mark = chat.LogMark();
        using var user = await chat.NewUserAsync();
        await Problem.AssertFieldAsync(await user.Http.GetAsync($"/api/chat/search?q={Uri.EscapeDataString(Nul)}"), "q");
        await Problem.AssertFieldAsync(await user.Http.GetAsync("/api/chat/search?q=%00"), "q");
        AssertNoDatabaseRefusalLoggedSince(mark);
    }

    [Theory]
    [MemberData(nameof(Unstorable))]
    public async Task Usernames_and_passwords_the_database_cannot_store_are_400s_naming_them(string json)
    {
        var mark = chat.LogMark();
        using var admin = chat.AdminClient();
        await Problem.AssertFieldAsync(await admin.PostAsync("/api/chat/users",
            Json($$"""{"username":{{json}},"password":"a long enough password","role":"user"}""")), "username");
        var username = "u" + Guid.NewGuid().ToString("N")[..12];
        await Problem.AssertFieldAsync(await admin.PostAsync("/api/chat/users",
            Json($$"""{"username":"{{username}}","password":{{json}},"role":"user"}""")), "password");
        await Problem.AssertFieldAsync(await admin.PatchAsync($"/api/chat/users/{Guid.NewGuid()}", Json($$"""{"password":{{json}}}""")), "password");

        using var service = chat.ServiceClient();
        foreach (var field in new[] { "username", "password", "remoteAddress" })
        {
            var body = new Dictionary<string, string> { ["username"] = "\"admin\"", ["password"] = "\"some password\"", ["remoteAddress"] = "\"127.0.0.1\"" };
            body[field] = json;
            var text = "{" + string.Join(',', body.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
            await Problem.AssertFieldAsync(await service.PostAsync("/internal/credentials/verify", Json(text)), field);
        }

        AssertNoDatabaseRefusalLoggedSince(mark);
    }

    [Fact]
    public async Task Text_with_emoji_and_other_paired_surrogates_is_stored_and_returned_verbatim()
    {
        using var user = await chat.NewUserAsync();
        const string text = "Lights 💡 on 🏠 𝄞";
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = text });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conversation = (await created.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Equal(text, conversation.Title);
        using var sent = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation.Id}/messages", new { content = text, clientId = "emoji" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(text, (await sent.Content.ReadFromJsonAsync<MessageExchange>())!.Message.Content);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    // PostgreSQL's refusal of a NUL (22021 in text, 22P05 in jsonb) must never happen, so never reach the service's log.
    private void AssertNoDatabaseRefusalLoggedSince(int mark)
    {
        var log = chat.LogSince(mark);
        Assert.DoesNotContain("22021", log, StringComparison.Ordinal);
        Assert.DoesNotContain("22P05", log, StringComparison.Ordinal);
    }
}
