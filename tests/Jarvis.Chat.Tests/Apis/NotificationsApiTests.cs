using System.Net;
using System.Net.Http.Json;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Chat.Tests.Apis;

/// <summary>The internal route the monitor's chat alert channel posts to.</summary>
[Collection(ChatCollection.Name)]
public sealed class NotificationsApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task A_notification_reaches_each_admin_once_per_key_in_their_jarvis_alerts_conversation()
    {
        using var admin = await chat.NewUserAsync(UserRoles.Admin);
        using var person = await chat.NewUserAsync();
        using var service = chat.Client(InternalPrincipal.ForService("monitor"));
        var key = "monitor-" + Guid.NewGuid().ToString("N")[..12];

        for (var i = 0; i < 2; i++)
        {
            using var response = await service.PostAsJsonAsync("/internal/notifications", new { text = "chat service is down: postgres Unhealthy", key });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<NotificationReceipt>())!.Admins >= 1);
        }

        using var second = await service.PostAsJsonAsync("/internal/notifications", new { text = "chat service is back up.", key = key + "-2" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var conversations = (await admin.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations"))!;
        var alerts = Assert.Single(conversations.Items, c => c.Title == "Jarvis alerts");
        var messages = (await admin.Http.GetFromJsonAsync<Page<Message>>($"/api/chat/conversations/{alerts.Id}/messages"))!;
        Assert.Equal(["chat service is back up.", "chat service is down: postgres Unhealthy"], messages.Items.Select(m => m.Content));
        Assert.All(messages.Items, m => Assert.Equal("assistant", m.Role));
        Assert.DoesNotContain((await person.Http.GetFromJsonAsync<Page<Conversation>>("/api/chat/conversations"))!.Items, c => c.Title == "Jarvis alerts");
    }

    [Fact]
    public async Task Only_a_service_may_notify_and_a_malformed_notification_is_a_validation_problem()
    {
        using var person = await chat.NewUserAsync(UserRoles.Admin);
        using var refused = await person.Http.PostAsJsonAsync("/internal/notifications", new { text = "hello", key = "k1" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var service = chat.Client(InternalPrincipal.ForService("monitor"));
        using var bad = await service.PostAsJsonAsync("/internal/notifications", new { text = "", key = "not a key!" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"text\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"key\"", problem, StringComparison.Ordinal);
    }
}
