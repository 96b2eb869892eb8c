using System.Net;
using System.Net.Http.Json;
using Jarvis.Chat.Model;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class AuditApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task Logins_deletions_and_user_changes_are_audited_with_who_what_and_where()
    {
        using var admin = chat.AdminClient();
        using var user = await chat.NewUserAsync();
        using var service = chat.ServiceClient();
        await service.PostAsJsonAsync("/internal/credentials/verify", new { username = user.Account.Username, password = user.Password, remoteAddress = "198.51.100.1" });
        await service.PostAsJsonAsync("/internal/credentials/verify", new { username = user.Account.Username, password = "nope nope nope", remoteAddress = "198.51.100.2" });

        using var created = await user.Http.PostAsJsonAsync("/api/chat/conversations", new { title = "to delete" });
        var conversation = (await created.Content.ReadFromJsonAsync<Conversation>())!;
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/chat/conversations/{conversation.Id}");
        delete.Headers.Add("X-Forwarded-For", "192.0.2.9, 10.0.0.1");
        (await user.Http.SendAsync(delete)).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { role = "admin" })).EnsureSuccessStatusCode();

        var log = (await admin.GetFromJsonAsync<Page<AuditEntry>>("/api/chat/audit?limit=1000"))!.Items;
        var target = user.Id.ToString();

        var createdRow = Assert.Single(log, e => e.Action == AuditActions.UserCreated && e.TargetId == target);
        Assert.Equal((chat.Admin.Name, Guid.Parse(chat.Admin.Subject)), (createdRow.ActorName, createdRow.ActorId));

        var ok = Assert.Single(log, e => e.Action == AuditActions.LoginSucceeded && e.TargetId == target);
        Assert.Equal(("198.51.100.1", user.Id), (ok.RemoteAddress, ok.ActorId));
        var failed = Assert.Single(log, e => e.Action == AuditActions.LoginFailed && e.TargetId == target);
        Assert.Equal("198.51.100.2", failed.RemoteAddress);
        Assert.Equal("wrong password", failed.Details!.Value.GetProperty("reason").GetString());

        var deleted = Assert.Single(log, e => e.Action == AuditActions.ConversationDeleted && e.TargetId == conversation.Id.ToString());
        Assert.Equal((user.Id, "192.0.2.9", "conversation"), (deleted.ActorId, deleted.RemoteAddress, deleted.TargetType));
        Assert.Equal("to delete", deleted.Details!.Value.GetProperty("title").GetString());

        var changed = Assert.Single(log, e => e.Action == AuditActions.UserUpdated && e.TargetId == target);
        Assert.Equal("admin", changed.Details!.Value.GetProperty("role").GetString());
        Assert.Equal("user", changed.Details!.Value.GetProperty("previousRole").GetString());

        Assert.True(log.Zip(log.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");
        Assert.True(log.All(e => e.OccurredAt > DateTimeOffset.UtcNow.AddHours(-1)));
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_by_entry_id()
    {
        using var admin = chat.AdminClient();
        await chat.NewUserAsync();
        await chat.NewUserAsync();
        var first = (await admin.GetFromJsonAsync<Page<AuditEntry>>("/api/chat/audit?limit=1"))!;
        Assert.Single(first.Items);
        Assert.Equal(first.Items[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), first.NextBefore);
        var second = (await admin.GetFromJsonAsync<Page<AuditEntry>>($"/api/chat/audit?limit=1&before={first.NextBefore}"))!;
        Assert.True(second.Items[0].Id < first.Items[0].Id);

        await Problem.AssertFieldAsync(await admin.GetAsync("/api/chat/audit?before=abc"), "before");
        await Problem.AssertFieldAsync(await admin.GetAsync("/api/chat/audit?before=-1"), "before");
        await Problem.AssertFieldAsync(await admin.GetAsync("/api/chat/audit?limit=1%20OR%201=1"), "limit");
        Assert.Equal(1000, (await admin.GetFromJsonAsync<Page<AuditEntry>>("/api/chat/audit?limit=99999"))!.Limit);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/chat/audit?limit=-5")).StatusCode);
    }
}
