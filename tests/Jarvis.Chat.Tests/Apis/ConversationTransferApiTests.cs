using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class ConversationTransferApiTests(ChatServiceFixture chat)
{
    private static async Task<Guid> ConversationWithMessagesAsync(TestUser user, string title, params string[] messages)
    {
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title });
        var id = (await created.Content.ReadFromJsonAsync<Conversation>())!.Id;
        for (var i = 0; i < messages.Length; i++)
        {
            using var sent = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{id}/messages", new { content = messages[i], clientId = $"m{i}" });
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        }

        return id;
    }

    [Fact]
    public async Task An_export_imported_again_is_the_same_conversation_with_the_same_messages_and_a_second_import_changes_nothing()
    {
        using var user = await chat.NewUserAsync();
        var id = await ConversationWithMessagesAsync(user, "Garden", "help", "<img src=x onerror=alert(1)> and 'quotes'; DROP TABLE x;--");

        var export = (await user.Http.GetFromJsonAsync<ConversationExport>($"/api/chat/conversations/{id}/export"))!;
        Assert.Equal(("jarvis.conversation", 1, id, "Garden"), (export.Format, export.Version, export.Id, export.Title));
        Assert.Equal(["user", "assistant", "user", "assistant"], export.Messages.Select(m => m.Role));
        Assert.Equal("<img src=x onerror=alert(1)> and 'quotes'; DROP TABLE x;--", export.Messages[2].Content);

        using var imported = await user.Http.PostAsJsonAsync("/api/chat/conversations/import", export);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var copy = (await imported.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.NotEqual(id, copy.Id);
        Assert.Equal("Garden", copy.Title);
        var copied = (await user.Http.GetFromJsonAsync<ConversationExport>($"/api/chat/conversations/{copy.Id}/export"))!;
        Assert.Equal(export.Messages, copied.Messages);

        using var again = await user.Http.PostAsJsonAsync("/api/chat/conversations/import", export);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(copy.Id, (await again.Content.ReadFromJsonAsync<Conversation>())!.Id);
        var list = await user.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations");
        Assert.Equal(2, list!.Items.Count);
    }

    [Fact]
    public async Task Ten_concurrent_imports_of_one_export_make_one_conversation()
    {
        using var user = await chat.NewUserAsync();
        var export = new ConversationExport("jarvis.conversation", 1, Guid.NewGuid(), "Race", false, false, DateTimeOffset.UtcNow,
            [new ExportedMessage("user", "hello", "c1", DateTimeOffset.UtcNow)]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await user.Http.PostAsJsonAsync("/api/chat/conversations/import", export);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<Conversation>())!.Id);
        }));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(answers.Select(a => a.Id).Distinct());
    }

    [Fact]
    public async Task The_markdown_export_reads_as_the_conversation()
    {
        using var user = await chat.NewUserAsync();
        var id = await ConversationWithMessagesAsync(user, "Lights", "help");
        using var response = await user.Http.GetAsync($"/api/chat/conversations/{id}/export?format=markdown");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Lights\n\n**You** · ", text, StringComparison.Ordinal);
        Assert.Contains("\n\nhelp\n\n---\n\n**Jarvis** · ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_conversation_is_not_exported_and_a_bad_format_or_id_is_a_400()
    {
        using var owner = await chat.NewUserAsync();
        using var other = await chat.NewUserAsync();
        var id = await ConversationWithMessagesAsync(owner, "Mine");
        await Problem.AssertAsync(await other.Http.GetAsync($"/api/chat/conversations/{id}/export"), HttpStatusCode.NotFound);
        await Problem.AssertFieldAsync(await owner.Http.GetAsync($"/api/chat/conversations/{id}/export?format=pdf"), "format");
        await Problem.AssertFieldAsync(await owner.Http.GetAsync("/api/chat/conversations/..%2Fetc/export"), "id");
    }

    [Theory]
    [InlineData("format", "\"something else\"", "format")]
    [InlineData("version", "2", "version")]
    [InlineData("id", "\"../etc/passwd\"", "id")]
    [InlineData("title", "\"   \"", "title")]
    [InlineData("messages", "null", "messages")]
    [InlineData("messages", "[{\"role\":\"system\",\"content\":\"x\"}]", "messages[0].role")]
    [InlineData("messages", "[{\"role\":\"user\",\"content\":\"  \"}]", "messages[0].content")]
    [InlineData("messages", "[{\"role\":\"user\",\"content\":\"a\\u0000b\"}]", "messages[0].content")]
    [InlineData("messages", "[{\"role\":\"user\",\"content\":\"a\",\"clientId\":\"bad id!\"}]", "messages[0].clientId")]
    [InlineData("messages", "[{\"role\":\"user\",\"content\":\"a\",\"clientId\":\"c\"},{\"role\":\"user\",\"content\":\"b\",\"clientId\":\"c\"}]", "messages[1].clientId")]
    [InlineData("messages", "[null]", "messages[0]")]
    public async Task An_import_is_validated_like_any_other_input(string field, string json, string named)
    {
        using var user = await chat.NewUserAsync();
        var body = JsonNode.Parse($$"""{"format":"jarvis.conversation","version":1,"id":"{{Guid.NewGuid()}}","title":"t","messages":[]}""")!.AsObject();
        body[field] = JsonNode.Parse(json);
        using var content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        await Problem.AssertFieldAsync(await user.Http.PostAsync("/api/chat/conversations/import", content), named);
        var list = await user.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations");
        Assert.Empty(list!.Items);
    }

    [Fact]
    public async Task An_import_larger_than_the_general_body_limit_is_accepted_up_to_one_mebibyte()
    {
        using var user = await chat.NewUserAsync();
        var messages = Enumerable.Range(0, 20).Select(i => new ExportedMessage("user", new string('x', 10_000), $"c{i}", DateTimeOffset.UtcNow)).ToList();
        var export = new ConversationExport("jarvis.conversation", 1, Guid.NewGuid(), "Big", false, false, DateTimeOffset.UtcNow, messages);
        Assert.True(JsonSerializer.SerializeToUtf8Bytes(export).Length > 64 * 1024);
        using var response = await user.Http.PostAsJsonAsync("/api/chat/conversations/import", export);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
