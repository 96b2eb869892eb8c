using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Jarvis.Chat.Infrastructure;
using Jarvis.Chat.Model;
using Jarvis.ServiceDefaults.Contracts;
using Npgsql;
using StackExchange.Redis;

namespace Jarvis.Chat.Tests.Apis;

[Collection(ChatCollection.Name)]
public sealed class UsersApiTests(ChatServiceFixture chat)
{
    [Fact]
    public async Task The_first_admin_exists_and_can_sign_in_with_the_secret_password()
    {
        using var service = chat.ServiceClient();
        using var response = await service.PostAsJsonAsync("/internal/credentials/verify", new { username = "ADMIN", password = chat.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var admin = await response.Content.ReadFromJsonAsync<VerifiedUser>();
        Assert.Equal(("admin", "admin"), (admin!.Username, admin.Role));
    }

    [Fact]
    public async Task An_admin_creates_lists_and_changes_users()
    {
        using var admin = chat.AdminClient();
        var username = "Ada" + Guid.NewGuid().ToString("N")[..8];
        using var created = await admin.PostAsJsonAsync("/api/chat/users", new { username, password = "a long enough password", role = "user" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = (await created.Content.ReadFromJsonAsync<UserAccount>())!;
        Assert.Equal((username, "user", false), (user.Username, user.Role, user.Disabled));

        var list = await admin.GetFromJsonAsync<Page<UserAccount>>("/api/chat/users?limit=1000");
        Assert.Contains(list!.Items, u => u.Id == user.Id);
        Assert.Contains(list.Items, u => u.Username == "admin");
        Assert.DoesNotContain("password", await admin.GetStringAsync("/api/chat/users"), StringComparison.OrdinalIgnoreCase);

        using var promoted = await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { role = "admin" });
        Assert.Equal("admin", (await promoted.Content.ReadFromJsonAsync<UserAccount>())!.Role);
        using var disabled = await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { disabled = true });
        Assert.True((await disabled.Content.ReadFromJsonAsync<UserAccount>())!.Disabled);
    }

    [Fact]
    public async Task Usernames_are_unique_without_regard_to_case()
    {
        using var admin = chat.AdminClient();
        var username = "case" + Guid.NewGuid().ToString("N")[..8];
        using var first = await admin.PostAsJsonAsync("/api/chat/users", new { username, password = "a long enough password", role = "user" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Problem.AssertAsync(
            await admin.PostAsJsonAsync("/api/chat/users", new { username = username.ToUpperInvariant(), password = "another long password", role = "user" }),
            HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task User_input_is_validated_naming_the_field()
    {
        using var admin = chat.AdminClient();
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/chat/users", new { username = "x", password = "a long enough password", role = "user" }), "username");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/chat/users", new { username = "../etc/passwd", password = "a long enough password", role = "user" }), "username");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/chat/users", new { username = "okname", password = "short", role = "user" }), "password");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/chat/users", new { username = "okname", password = "a long enough password", role = "service" }), "role");
        await Problem.AssertFieldAsync(await admin.PostAsJsonAsync("/api/chat/users", new { username = "okname", password = "a long enough password" }), "role");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync("/api/chat/users/1%20OR%201=1", new { disabled = true }), "id");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync($"/api/chat/users/{Guid.NewGuid()}", new { role = "root" }), "role");
        await Problem.AssertFieldAsync(await admin.PatchAsJsonAsync($"/api/chat/users/{Guid.NewGuid()}", new { }), "body");
        await Problem.AssertFieldAsync(await admin.GetAsync("/api/chat/users?limit=x"), "limit");
        await Problem.AssertAsync(await admin.PatchAsJsonAsync($"/api/chat/users/{Guid.NewGuid()}", new { disabled = true }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Admin_routes_refuse_people_without_the_admin_role()
    {
        using var user = await chat.NewUserAsync();
        await Problem.AssertAsync(await user.Http.GetAsync("/api/chat/users"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await user.Http.PostAsJsonAsync("/api/chat/users", new { username = "sneaky", password = "a long enough password", role = "admin" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await user.Http.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { role = "admin" }), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await user.Http.GetAsync("/api/chat/audit"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await user.Http.PostAsJsonAsync("/internal/credentials/verify", new { username = "admin", password = "x" }), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("role")]
    [InlineData("password")]
    public async Task Disabling_a_user_or_changing_their_role_or_password_ends_their_sessions_in_redis(string change)
    {
        using var user = await chat.NewUserAsync();
        using var admin = chat.AdminClient();
        var redis = await ConnectionMultiplexer.ConnectAsync(chat.RedisConnectionString);
        await using var _ = redis;
        var key = SessionRevocationMark.Key(user.Id);
        Assert.False(await redis.GetDatabase().KeyExistsAsync(key));

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        object body = change switch
        {
            "disabled" => new { disabled = true },
            "role" => new { role = "admin" },
            _ => new { password = "a brand new password" },
        };
        using var response = await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var value = (string?)await redis.GetDatabase().StringGetAsync(key);
        var at = long.Parse(value!, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(at, before - 1000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1000);
        Assert.Null(await redis.GetDatabase().KeyTimeToLiveAsync(key));
    }

    [Fact]
    public async Task A_disable_marks_the_sessions_void_before_its_commit_and_again_after_it()
    {
        // The second mark voids a sign-in whose credential check read the row before the commit but began
        // after the first mark; the gateway compares the mark with when the check began.
        using var user = await chat.NewUserAsync();
        using var admin = chat.AdminClient();
        var redis = await ConnectionMultiplexer.ConnectAsync(chat.RedisConnectionString + ",allowAdmin=true");
        await using var _ = redis;
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var previous = (await server.ConfigGetAsync("notify-keyspace-events")).Single().Value;
        await server.ConfigSetAsync("notify-keyspace-events", "K$");
        try
        {
            var key = SessionRevocationMark.Key(user.Id);
            var sets = 0;
            var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"__keyspace@0__:{key}"));
            channel.OnMessage(m =>
            {
                if (m.Message == "set")
                {
                    Interlocked.Increment(ref sets);
                }
            });

            using var response = await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { disabled = true });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (Volatile.Read(ref sets) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.Equal(2, Volatile.Read(ref sets));
            await channel.UnsubscribeAsync();
        }
        finally
        {
            await server.ConfigSetAsync("notify-keyspace-events", previous);
        }
    }

    [Fact]
    public async Task When_redis_is_down_a_user_change_answers_503_and_changes_nothing()
    {
        using var user = await chat.NewUserAsync();
        using var admin = chat.AdminClient();
        await chat.App.StopResourceAsync("redis");
        try
        {
            var response = await admin.PatchAsJsonAsync($"/api/chat/users/{user.Id}", new { disabled = true, password = "a brand new password" });
            await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await chat.App.StartResourceAsync("redis");
            await chat.WaitUntilHealthyAsync();
        }

        await using var connection = new NpgsqlConnection(chat.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("SELECT disabled FROM chat.users WHERE id = @id", connection);
        read.Parameters.AddWithValue("id", user.Id);
        Assert.Equal(false, await read.ExecuteScalarAsync());
        await using var audit = new NpgsqlCommand("SELECT count(*) FROM chat.audit_log WHERE action = 'user.updated' AND target_id = @id", connection);
        audit.Parameters.AddWithValue("id", user.Id.ToString());
        Assert.Equal(0L, await audit.ExecuteScalarAsync());

        // The old password still works: nothing was half-done.
        using var service = chat.ServiceClient();
        using var login = await service.PostAsJsonAsync("/internal/credentials/verify", new { username = user.Account.Username, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task The_last_enabled_admin_cannot_be_disabled_or_demoted()
    {
        using var admin = chat.AdminClient();
        var page = await admin.GetFromJsonAsync<Page<UserAccount>>("/api/chat/users?limit=1000");
        var enabledAdmins = page!.Items.Where(u => u is { Role: "admin", Disabled: false }).ToList();
        // Other tests may have promoted people: disable all but the first admin, then try the last one.
        foreach (var extra in enabledAdmins.Where(u => u.Username != "admin"))
        {
            (await admin.PatchAsJsonAsync($"/api/chat/users/{extra.Id}", new { disabled = true })).EnsureSuccessStatusCode();
        }

        var first = enabledAdmins.Single(u => u.Username == "admin");
        await Problem.AssertAsync(await admin.PatchAsJsonAsync($"/api/chat/users/{first.Id}", new { disabled = true }), HttpStatusCode.Conflict);
        await Problem.AssertAsync(await admin.PatchAsJsonAsync($"/api/chat/users/{first.Id}", new { role = "user" }), HttpStatusCode.Conflict);
    }
}
