using System.Net.Http.Json;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class SearchApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task Search_finds_titles_and_messages_with_a_snippet_and_only_the_callers()
    {
        using var user = await chat.NewUserAsync();
        using var other = await chat.NewUserAsync();
        var garden = await NewConversationAsync(user, "Greenhouse watering plan");
        var lights = await NewConversationAsync(user, "Evening routine");
        await SendAsync(user, lights, "Dim the living room lights at sunset and switch off the porch lamp");
        await SendAsync(other, await NewConversationAsync(other, "Greenhouse"), "the greenhouse lights are mine");

        var titles = await user.Http.GetFromJsonAsync<SearchResults>("/api/chat/search?q=greenhouse");
        var titleHit = Assert.Single(titles!.Items);
        Assert.Equal(("conversation", garden, (Guid?)null), (titleHit.Kind, titleHit.ConversationId, titleHit.MessageId));
        Assert.Contains("«Greenhouse»", titleHit.Snippet, StringComparison.Ordinal);

        // Stemming: "light" finds "lights".
        var messages = await user.Http.GetFromJsonAsync<SearchResults>($"/api/chat/search?q={Uri.EscapeDataString("light sunset")}");
        var messageHit = Assert.Single(messages!.Items);
        Assert.Equal(("message", lights, "Evening routine"), (messageHit.Kind, messageHit.ConversationId, messageHit.ConversationTitle));
        Assert.NotNull(messageHit.MessageId);
        Assert.Contains("«lights»", messageHit.Snippet, StringComparison.Ordinal);
        Assert.Contains("«sunset»", messageHit.Snippet, StringComparison.Ordinal);

        var phrase = await user.Http.GetFromJsonAsync<SearchResults>($"/api/chat/search?q={Uri.EscapeDataString("\"porch lamp\" -garage")}");
        Assert.Single(phrase!.Items);
        Assert.Empty((await user.Http.GetFromJsonAsync<SearchResults>("/api/chat/search?q=mine"))!.Items);
    }

    [Theory]
    [InlineData("'; DROP TABLE chat.messages; --")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("a & b | !c <-> (d")]
    public async Task Hostile_queries_are_just_words(string q)
    {
        using var user = await chat.NewUserAsync();
        var conversation = await NewConversationAsync(user, "plain");
        await SendAsync(user, conversation, "<script>alert(1)</script> DROP TABLE chat.messages");
        using var response = await user.Http.GetAsync($"/api/chat/search?q={Uri.EscapeDataString(q)}");
        response.EnsureSuccessStatusCode();
        Assert.NotNull(await response.Content.ReadFromJsonAsync<SearchResults>());
        var page = await user.Http.GetFromJsonAsync<Page<Message>>($"/api/chat/conversations/{conversation}/messages");
        Assert.Equal(2, page!.Items.Count);
    }

    [Fact]
    public async Task A_missing_blank_or_overlong_query_is_a_400_naming_q()
    {
        using var user = await chat.NewUserAsync();
        await Problem.AssertFieldAsync(await user.Http.GetAsync("/api/chat/search"), "q");
        await Problem.AssertFieldAsync(await user.Http.GetAsync("/api/chat/search?q=%20"), "q");
        await Problem.AssertFieldAsync(await user.Http.GetAsync($"/api/chat/search?q={new string('q', 201)}"), "q");
        await Problem.AssertFieldAsync(await user.Http.GetAsync("/api/chat/search?q=x&limit=many"), "limit");
    }

    private static async Task<Guid> NewConversationAsync(TestUser user, string title)
    {
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title });
        return (await created.Content.ReadFromJsonAsync<Conversation>())!.Id;
    }

    private static async Task SendAsync(TestUser user, Guid conversation, string content)
    {
        using var sent = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation}/messages", new { content, clientId = Guid.NewGuid().ToString("N") });
        sent.EnsureSuccessStatusCode();
    }
}
