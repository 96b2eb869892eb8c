using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Jarvis.Gateway.Tests.Infrastructure.Sessions;

[Collection(GatewayCollection.Name)]
public sealed class SessionTests(GatewayFixture fixture)
{
    /// <summary>Every /api route but login, with a method each accepts.</summary>
    public static TheoryData<string, string> ApiRoutes => new()
    {
        { "GET", "/api/auth/me" },
        { "POST", "/api/auth/logout" },
        { "GET", "/api/chat/conversations" },
        { "POST", "/api/chat/conversations" },
        { "POST", $"/api/chat/conversations/{Guid.NewGuid()}/messages" },
        { "GET", "/api/chat/users" },
        { "GET", "/api/plugins/list" },
        { "GET", "/api/devices/lamp" },
        { "PUT", "/api/automations/rule-1" },
        { "GET", "/api/monitor/status" },
        { "DELETE", "/api/chat/conversations/1" },
        { "GET", "/api/unknown/route" },
    };

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task An_api_route_without_a_session_answers_401_problem_details_not_a_redirect(string method, string path)
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task An_api_route_with_a_tampered_cookie_answers_401(string method, string path)
    {
        var signedIn = await fixture.SharedAdminAsync();
        var cookie = signedIn.Cookie!;
        // One character changed in the middle of the protected payload.
        var middle = cookie.Length / 2;
        var tampered = cookie[..middle] + (cookie[middle] == 'A' ? 'B' : 'A') + cookie[(middle + 1)..];
        using var browser = fixture.NewBrowser();
        browser.Cookie = tampered;
        browser.CsrfToken = signedIn.CsrfToken;
        using var response = await browser.SendAsync(WithCsrf(new HttpRequestMessage(new HttpMethod(method), path), signedIn.CsrfToken!));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_made_up_cookie_is_refused()
    {
        using var browser = fixture.NewBrowser();
        browser.Cookie = "CfDJ8" + new string('x', 120);
        using var response = await browser.GetAsync("/api/auth/me");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(ApiRoutes))]
    public async Task An_api_route_with_an_expired_session_answers_401(string method, string path)
    {
        var before = await SessionKeysAsync();
        using var browser = await fixture.SignInAsNewAdminAsync();
        var created = (await SessionKeysAsync()).Except(before).Single();
        // What the sliding expiry does after the idle timeout, without waiting for it.
        await fixture.Redis.KeyExpireAsync(created, TimeSpan.FromMilliseconds(1));
        await Eventually.HoldsAsync(async () => !await fixture.Redis.KeyExistsAsync(created), TimeSpan.FromSeconds(5), "the session expired in Redis");
        using var response = await browser.SendAsync(WithCsrf(new HttpRequestMessage(new HttpMethod(method), path), browser.CsrfToken!));
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Every_request_slides_the_session_expiry_but_never_past_the_idle_timeout()
    {
        var before = await SessionKeysAsync();
        using var browser = await fixture.SignInAsNewAdminAsync();
        var key = (await SessionKeysAsync()).Except(before).Single();
        await fixture.Redis.KeyExpireAsync(key, TimeSpan.FromSeconds(30));
        (await browser.GetAsync("/api/auth/me")).Dispose();
        var ttl = await fixture.Redis.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task Logout_ends_the_session_on_the_server_so_the_old_cookie_is_refused()
    {
        using var browser = await fixture.SignInAsNewAdminAsync();
        var cookie = browser.Cookie;
        using (var logout = await browser.SendJsonAsync(HttpMethod.Post, "/api/auth/logout", new { }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
            Assert.Contains("expires=Thu, 01 Jan 1970", browser.LastSetCookie, StringComparison.OrdinalIgnoreCase);
        }

        using var replay = fixture.NewBrowser();
        replay.Cookie = cookie;
        using var me = await replay.GetAsync("/api/auth/me");
        await ProblemAssert.IsProblemAsync(me, HttpStatusCode.Unauthorized);
        using var proxied = await replay.GetAsync("/api/devices/lamp");
        await ProblemAssert.IsProblemAsync(proxied, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_revocation_mark_set_after_login_refuses_the_session_on_the_next_request()
    {
        var (username, password) = await fixture.NewAccountAsync();
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(username, password);
        using (var ok = await browser.GetAsync("/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var key = $"jarvis:users:{browser.UserId}:sessions-valid-after";
        try
        {
            // What the chat service writes when an admin disables the user or changes their role or password.
            var mark = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await fixture.Redis.StringSetAsync(key, mark.ToString(CultureInfo.InvariantCulture));
            using var refused = await browser.GetAsync("/api/devices/lamp");
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);

            // A session whose credential check begins after the mark is fine: the user may sign in again.
            await Eventually.HoldsAsync(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() > mark), TimeSpan.FromSeconds(5), "the clock passed the mark");
            using var again = fixture.NewBrowser();
            await again.SignInAsync(username, password);
            using var me = await again.GetAsync("/api/auth/me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }
        finally
        {
            await fixture.Redis.KeyDeleteAsync(key);
        }
    }

    [Fact]
    public async Task A_session_made_on_one_replica_works_on_the_other_and_logout_on_either_ends_it()
    {
        using var first = await fixture.SignInAsNewAdminAsync(replica: 0);
        using var second = fixture.NewBrowser(replica: 1);
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        second.Cookie = first.Cookie;
        second.CsrfToken = first.CsrfToken;

        using (var me = await second.GetAsync("/api/auth/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Contains(first.CsrfToken!, await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var proxied = await second.GetAsync("/api/devices/lamp"))
        {
            Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        }

        using (var logout = await second.SendJsonAsync(HttpMethod.Post, "/api/auth/logout", new { }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var afterLogout = await first.GetAsync("/api/auth/me");
        await ProblemAssert.IsProblemAsync(afterLogout, HttpStatusCode.Unauthorized);
    }

    private static HttpRequestMessage WithCsrf(HttpRequestMessage request, string token)
    {
        request.Headers.Add("X-CSRF-Token", token);
        return request;
    }

    private async Task<HashSet<string>> SessionKeysAsync()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var cursor = 0L;
        do
        {
            var result = await fixture.Redis.ExecuteAsync("SCAN", cursor.ToString(CultureInfo.InvariantCulture), "MATCH", "jarvis:gateway:sessions:*", "COUNT", "1000");
            var parts = (RedisResult[])result!;
            cursor = long.Parse((string)parts[0]!, CultureInfo.InvariantCulture);
            foreach (var key in (RedisResult[])parts[1]!)
            {
                keys.Add((string)key!);
            }
        }
        while (cursor != 0);
        return keys;
    }
}
