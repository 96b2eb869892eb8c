using System.Net;
using System.Net.Http.Json;
using System.Text;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class ConversationsApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task Create_get_rename_pin_archive_list_and_delete_a_conversation()
    {
        using var user = await chat.NewUserAsync();

        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "Kitchen lights" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var conversation = (await created.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Equal("Kitchen lights", conversation.Title);
        Assert.Equal($"/api/chat/conversations/{conversation.Id}", created.Headers.Location?.OriginalString);

        var fetched = await user.Http.GetFromJsonAsync<Conversation>($"/api/chat/conversations/{conversation.Id}");
        Assert.Equal(conversation, fetched);

        using var patched = await user.Http.PatchAsJsonAsync($"/api/chat/conversations/{conversation.Id}", new { title = "Lights", pinned = true, archived = true });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var updated = (await patched.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Equal(("Lights", true, true), (updated.Title, updated.Pinned, updated.Archived));

        using var unpinned = await user.Http.PatchAsJsonAsync($"/api/chat/conversations/{conversation.Id}", new { pinned = false });
        var afterUnpin = (await unpinned.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Equal(("Lights", false, true), (afterUnpin.Title, afterUnpin.Pinned, afterUnpin.Archived));

        var list = await user.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations");
        Assert.Equal([conversation.Id], list!.Items.Select(c => c.Id));
        Assert.Equal(50, list.Limit);

        using var deleted = await user.Http.DeleteAsync($"/api/chat/conversations/{conversation.Id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.AssertAsync(await user.Http.GetAsync($"/api/chat/conversations/{conversation.Id}"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await user.Http.DeleteAsync($"/api/chat/conversations/{conversation.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_conversation_without_a_title_is_named_from_its_first_message()
    {
        using var user = await chat.NewUserAsync();
        using var created = await user.Http.PostAsync("/api/chat/conversations", JsonContent.Create(new { }));
        var conversation = (await created.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Null(conversation.Title);

        using var noBody = await user.Http.PostAsync("/api/chat/conversations", null);
        Assert.Equal(HttpStatusCode.Created, noBody.StatusCode);

        await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation.Id}/messages",
            new { content = "Please remind me to water the tomatoes in the greenhouse every evening at seven", clientId = "a1" });
        await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation.Id}/messages", new { content = "second", clientId = "a2" });

        var named = await user.Http.GetFromJsonAsync<Conversation>($"/api/chat/conversations/{conversation.Id}");
        Assert.Equal("Please remind me to water the tomatoes in the greenhouse…", named!.Title);
    }

    [Fact]
    public async Task Another_users_conversation_answers_404_on_every_route()
    {
        using var owner = await chat.NewUserAsync();
        using var other = await chat.NewUserAsync();
        using var created = await owner.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "mine" });
        var id = (await created.Content.ReadFromJsonAsync<Conversation>())!.Id;
        var url = $"/api/chat/conversations/{id}";

        await Problem.AssertAsync(await other.Http.GetAsync(url), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.Http.PatchAsJsonAsync(url, new { title = "yours now" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.Http.DeleteAsync(url), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.Http.GetAsync(url + "/messages"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await other.Http.PostAsJsonAsync(url + "/messages", new { content = "hi", clientId = "x" }), HttpStatusCode.NotFound);
        Assert.Empty((await other.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations"))!.Items);
        Assert.Empty((await other.Http.GetFromJsonAsync<Page<Conversation>>($"/api/chat/conversations?before={id}"))!.Items);

        var untouched = await owner.Http.GetFromJsonAsync<Conversation>(url);
        Assert.Equal("mine", untouched!.Title);
    }

    [Theory]
    [InlineData("-5", 1)]
    [InlineData("0", 1)]
    [InlineData("1", 1)]
    [InlineData("1001", 1000)]
    [InlineData("99999", 1000)]
    [InlineData("99999999999999999999", 1000)]
    public async Task Limit_is_clamped_to_1_through_1000(string limit, int applied)
    {
        using var user = await chat.NewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = $"c{i}" });
        }

        var page = await user.Http.GetFromJsonAsync<Page<Conversation>>($"/api/chat/conversations?limit={limit}");
        Assert.Equal(applied, page!.Limit);
        Assert.Equal(Math.Min(applied, 3), page.Items.Count);
        Assert.Equal(applied < 3, page.NextBefore is not null);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("1 OR 1=1")]
    public async Task A_limit_that_is_not_an_integer_is_a_400_naming_limit(string limit)
    {
        using var user = await chat.NewUserAsync();
        await Problem.AssertFieldAsync(await user.Http.GetAsync($"/api/chat/conversations?limit={Uri.EscapeDataString(limit)}"), "limit");
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("1 OR 1=1")]
    [InlineData(" ")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("{00000000-0000-0000-0000-000000000000}")]
    [InlineData("'; DROP TABLE chat.users; --")]
    public async Task An_id_that_is_not_a_uuid_is_a_400_naming_id_on_every_route(string id)
    {
        using var user = await chat.NewUserAsync();
        var url = $"/api/chat/conversations/{Uri.EscapeDataString(id)}";
        await Problem.AssertFieldAsync(await user.Http.GetAsync(url), "id");
        await Problem.AssertFieldAsync(await user.Http.PatchAsJsonAsync(url, new { pinned = true }), "id");
        await Problem.AssertFieldAsync(await user.Http.DeleteAsync(url), "id");
        await Problem.AssertFieldAsync(await user.Http.GetAsync(url + "/messages"), "id");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync(url + "/messages", new { content = "hi", clientId = "c" }), "id");
        await Problem.AssertFieldAsync(await user.Http.GetAsync($"/api/chat/conversations?before={Uri.EscapeDataString(id)}"), "before");
    }

    [Fact]
    public async Task An_empty_before_is_a_400_and_an_empty_id_segment_is_a_404_problem()
    {
        using var user = await chat.NewUserAsync();
        await Problem.AssertFieldAsync(await user.Http.GetAsync("/api/chat/conversations?before="), "before");
        await Problem.AssertAsync(await user.Http.GetAsync("/api/chat/conversations//messages"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Titles_longer_than_200_characters_or_blank_are_400s_naming_title()
    {
        using var user = await chat.NewUserAsync();
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = new string('t', 201) }), "title");
        await Problem.AssertFieldAsync(await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "   " }), "title");
        using var ok = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = new string('t', 200) });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var id = (await ok.Content.ReadFromJsonAsync<Conversation>())!.Id;
        await Problem.AssertFieldAsync(await user.Http.PatchAsJsonAsync($"/api/chat/conversations/{id}", new { title = new string('t', 201) }), "title");
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413_problem()
    {
        using var user = await chat.NewUserAsync();
        var body = new StringContent($$"""{"title":"{{new string('x', 70 * 1024)}}"}""", Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await user.Http.PostAsync("/api/chat/conversations", body), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var user = await chat.NewUserAsync();
        var body = new StringContent("{\"title\": ", Encoding.UTF8, "application/json");
        await Problem.AssertAsync(await user.Http.PostAsync("/api/chat/conversations", body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Without_a_token_every_route_is_401_and_a_service_token_is_not_a_person()
    {
        using var anonymous = chat.Client(null);
        await Problem.AssertAsync(await anonymous.GetAsync("/api/chat/conversations"), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await anonymous.PostAsJsonAsync("/api/chat/conversations", new { }), HttpStatusCode.Unauthorized);
        await Problem.AssertAsync(await anonymous.GetAsync("/api/chat/search?q=x"), HttpStatusCode.Unauthorized);

        using var service = chat.ServiceClient();
        await Problem.AssertAsync(await service.GetAsync("/api/chat/conversations"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("'; DROP TABLE chat.conversations; --")]
    [InlineData("1' OR '1'='1")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\" onmouseover=\"alert(1)")]
    [InlineData("Robert'); DELETE FROM chat.messages;-- ☃ ?")]
    public async Task Injection_and_script_strings_are_stored_and_returned_verbatim(string text)
    {
        using var user = await chat.NewUserAsync();
        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = text });
        var conversation = (await created.Content.ReadFromJsonAsync<Conversation>())!;
        Assert.Equal(text, conversation.Title);
        using var sent = await user.Http.PostAsJsonAsync($"/api/chat/conversations/{conversation.Id}/messages", new { content = text, clientId = "inj" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        Assert.Equal(text, (await user.Http.GetFromJsonAsync<Conversation>($"/api/chat/conversations/{conversation.Id}"))!.Title);
        var messages = await user.Http.GetFromJsonAsync<Page<Message>>($"/api/chat/conversations/{conversation.Id}/messages");
        Assert.Equal(text, messages!.Items.Single(m => m.Role == "user").Content);
        Assert.Equal(conversation.Id, (await user.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations"))!.Items.Single().Id);
    }
}
