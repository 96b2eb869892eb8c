using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jarvis.ServiceDefaults.Authentication;

namespace Jarvis.Gateway.Tests.Apis;

[Collection(GatewayCollection.Name)]
public sealed class AuthApiTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Login_sets_a_host_only_httponly_secure_strict_cookie_and_returns_the_user_and_a_csrf_token()
    {
        var (username, password) = await fixture.NewAccountAsync(InternalRoles.Admin);
        using var browser = fixture.NewBrowser();
        using var response = await browser.LoginAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var cookie = browser.LastSetCookie!;
        Assert.StartsWith("__Host-jarvis=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("secure", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var user = body.RootElement.GetProperty("user");
        Assert.Equal(username, user.GetProperty("username").GetString());
        Assert.Equal(InternalRoles.Admin, user.GetProperty("role").GetString());
        Assert.True(Guid.TryParse(user.GetProperty("id").GetString(), out _));
        var csrf = body.RootElement.GetProperty("csrfToken").GetString()!;
        Assert.True(csrf.Length >= 40);
        // The browser gets no token it could leak: the cookie is opaque and names neither the user nor the CSRF token.
        Assert.DoesNotContain(csrf, browser.Cookie!, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.UserId!, browser.Cookie!, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_returns_the_user_and_the_same_csrf_token()
    {
        using var browser = await fixture.SignInAsNewAdminAsync();
        using var response = await browser.GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(browser.CsrfToken, body.RootElement.GetProperty("csrfToken").GetString());
        Assert.Equal(browser.UserId, body.RootElement.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401_and_no_cookie()
    {
        var (existing, _) = await fixture.NewAccountAsync(InternalRoles.User);
        using var wrong = fixture.NewBrowser();
        using var wrongResponse = await wrong.LoginAsync(existing, "not-the-password");
        using var unknown = fixture.NewBrowser();
        using var unknownResponse = await unknown.LoginAsync("nobody-" + Guid.NewGuid().ToString("N")[..8], "not-the-password");
        await ProblemAssert.IsProblemAsync(wrongResponse, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(unknownResponse, HttpStatusCode.Unauthorized);
        Assert.Null(wrong.Cookie);
        Assert.Null(unknown.Cookie);
        Assert.Equal(Comparable(await wrongResponse.Content.ReadAsStringAsync()), Comparable(await unknownResponse.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("{\"password\":\"x\"}", "username")]
    [InlineData("{\"username\":\"admin\"}", "password")]
    [InlineData("{\"username\":\"   \",\"password\":\"x\"}", "username")]
    [InlineData("{\"username\":\"ad\\u0000min\",\"password\":\"a long password\"}", "username")]
    [InlineData("{\"username\":\"admin\",\"password\":\"a long\\u0000password\"}", "password")]
    [InlineData("{\"username\":\"ad\\ud800min\",\"password\":\"a long password\"}", "username")]
    [InlineData("{\"username\":\"admin\",\"password\":\"a long\\udc00password\"}", "password")]
    public async Task A_login_without_a_field_or_with_one_the_database_cannot_store_is_a_400_naming_it(string json, string field)
    {
        using var browser = fixture.NewBrowser();
        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_login_that_is_not_json_is_refused()
    {
        using var browser = fixture.NewBrowser();
        using var form = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = fixture.AdminPassword }),
        });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using var broken = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = new StringContent("{\"username\":", Encoding.UTF8, "application/json"),
        });
        await ProblemAssert.IsProblemAsync(broken, HttpStatusCode.BadRequest);
        Assert.Null(browser.Cookie);
    }

    [Fact]
    public async Task Logging_in_again_issues_a_new_session_and_ends_the_old_one()
    {
        var (username, password) = await fixture.NewAccountAsync(InternalRoles.Admin);
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(username, password);
        var oldCookie = browser.Cookie;
        await browser.SignInAsync(username, password);
        Assert.NotEqual(oldCookie, browser.Cookie);
        using var old = fixture.NewBrowser();
        old.Cookie = oldCookie;
        using var response = await old.GetAsync("/api/auth/me");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_disabled_by_an_admin_is_refused_on_the_next_request()
    {
        using var admin = await fixture.SignInAsNewAdminAsync();
        var username = "user" + Guid.NewGuid().ToString("N")[..8];
        const string password = "correct horse battery staple";
        using var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/chat/users", new { username, password, role = "user" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = createdBody.RootElement.GetProperty("id").GetString();

        using var user = fixture.NewBrowser(replica: 1);
        await user.SignInAsync(username, password);
        using (var before = await user.GetAsync("/api/chat/conversations"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // An admin route refuses a person with role user, and the refusal says so as problem details.
        using (var audit = await user.GetAsync("/api/chat/audit"))
        {
            await ProblemAssert.IsProblemAsync(audit, HttpStatusCode.Forbidden);
        }

        using (var disable = await admin.SendJsonAsync(HttpMethod.Patch, $"/api/chat/users/{id}", new { disabled = true }))
        {
            Assert.True(disable.IsSuccessStatusCode, await disable.Content.ReadAsStringAsync());
        }

        using var after = await user.GetAsync("/api/chat/conversations");
        await ProblemAssert.IsProblemAsync(after, HttpStatusCode.Unauthorized);
        using var again = await user.LoginAsync(username, password);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_chat_api_works_with_the_cookie_and_the_csrf_token()
    {
        using var browser = await fixture.SignInAsNewAdminAsync();
        using var created = await browser.SendJsonAsync(HttpMethod.Post, "/api/chat/conversations", new { title = "Through the gateway" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        using var list = await browser.GetAsync("/api/chat/conversations");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Through the gateway", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // traceId differs per request; everything else must be identical.
    private static string Comparable(string problem)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem)!;
        values.Remove("traceId");
        return JsonSerializer.Serialize(values.OrderBy(v => v.Key, StringComparer.Ordinal));
    }
}
