using System.Globalization;
using System.Net;

namespace Jarvis.Gateway.Tests.Infrastructure.RateLimiting;

[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Logins_for_one_username_beyond_the_limit_get_429_with_retry_after_and_recover()
    {
        var username = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        // A spread-out attack on one name: from four addresses of their own, so that no per-address limit answers.
        var browsers = Enumerable.Range(5, 4).Select(i => fixture.NewBrowser(from: IPAddress.Parse($"127.0.0.{i}"))).ToList();
        using var browser = browsers[0];
        // All at once, twice the limit and more, so that even a window boundary during the burst leaves some refused.
        var attempts = await Task.WhenAll(Enumerable.Range(0, (2 * GatewayFixture.LoginsPerUsername) + 10)
            .Select(i => browsers[i % browsers.Count].LoginAsync(username, "wrong-password")));
        foreach (var other in browsers.Skip(1))
        {
            other.Dispose();
        }

        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.True(limited.Count >= 10, $"{limited.Count} of {attempts.Length} refused");
        Assert.All(attempts, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), GatewayFixture.LoginWindow + TimeSpan.FromSeconds(1));
        foreach (var response in attempts)
        {
            response.Dispose();
        }

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        using var recovered = await browser.LoginAsync(username, "wrong-password");
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Message_sends_are_limited_to_a_small_burst_then_one_per_500_ms_and_recover()
    {
        using var browser = await fixture.SignInAsAdminAsync();
        var path = $"/api/chat/conversations/{Guid.NewGuid()}/messages";
        // The bucket is the user's: let any earlier test's sends refill it first (3 tokens at 2 per second).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 6; i++)
        {
            var response = await browser.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
            }
            else
            {
                response.Dispose();
            }
        }

        // The burst (3) goes to the chat service, whatever it answers for a conversation that does not exist.
        Assert.All(statuses.Take(3), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.NotNull(limited);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(RetryAfter(limited) >= TimeSpan.FromSeconds(1));
        limited.Dispose();

        // Other routes of the same user are not held back by the message limit.
        using (var other = await browser.GetAsync("/api/devices/lamp"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        using var recovered = await browser.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, recovered.StatusCode);
    }

    [Fact]
    public async Task The_message_limit_is_one_bucket_for_every_replica()
    {
        using var onFirst = await fixture.SignInAsAdminAsync();
        using var onSecond = new Browser(fixture.Gateway(1)) { Cookie = onFirst.Cookie, CsrfToken = onFirst.CsrfToken };
        var path = $"/api/chat/conversations/{Guid.NewGuid()}/messages";
        await Task.Delay(TimeSpan.FromSeconds(2)); // a full bucket, whatever earlier tests sent
        for (var i = 0; i < 3; i++)
        {
            using var sent = await (i % 2 == 0 ? onFirst : onSecond).SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, sent.StatusCode);
        }

        // Per replica, each would still have tokens left; shared, the burst of 3 is spent.
        using var fourth = await onSecond.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
        await ProblemAssert.IsProblemAsync(fourth, HttpStatusCode.TooManyRequests);
        using var fifth = await onFirst.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
        await ProblemAssert.IsProblemAsync(fifth, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Logins_for_one_username_are_counted_across_replicas()
    {
        var username = "spread-" + Guid.NewGuid().ToString("N")[..8];
        // Exactly the limit on each replica, at once, from four addresses of their own (no per-address limit answers):
        // per replica every attempt would pass; counted together about half are refused.
        var browsers = Enumerable.Range(9, 4).Select(i => fixture.NewBrowser(i % 2, IPAddress.Parse($"127.0.0.{i}"))).ToList();
        try
        {
            var attempts = await Task.WhenAll(Enumerable.Range(0, 2 * GatewayFixture.LoginsPerUsername)
                .Select(i => browsers[i % browsers.Count].LoginAsync(username, "wrong-password")));
            var refused = attempts.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.All(attempts, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
            Assert.True(refused >= GatewayFixture.LoginsPerUsername / 2, $"{refused} of {attempts.Length} refused");
            foreach (var response in attempts)
            {
                response.Dispose();
            }
        }
        finally
        {
            browsers.ForEach(b => b.Dispose());
        }
    }

    [Fact]
    public async Task A_user_s_general_budget_gives_429_with_retry_after_and_recovers()
    {
        using var browser = await fixture.SignInAsAdminAsync();
        // Twice the budget and more, so that a window boundary during the burst cannot absorb it all.
        var responses = await Task.WhenAll(Enumerable.Range(0, (2 * GatewayFixture.RequestsPerUser) + 20)
            .Select(_ => browser.GetAsync("/api/devices/lamp")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 2 * GatewayFixture.RequestsPerUser);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        using var recovered = await browser.GetAsync("/api/devices/lamp");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Logins_from_one_address_beyond_the_limit_get_429_whatever_the_usernames_and_others_are_not_held_back()
    {
        using var attacker = fixture.NewBrowser(from: IPAddress.Parse("127.0.0.2"));
        var attempts = await Task.WhenAll(Enumerable.Range(0, GatewayFixture.LoginsPerAddress + 10)
            .Select(i => attacker.LoginAsync($"spray-{i}-{Guid.NewGuid():N}", "wrong-password")));
        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        foreach (var response in attempts)
        {
            response.Dispose();
        }

        // Another address signs in meanwhile.
        using var someoneElse = fixture.NewBrowser(from: IPAddress.Parse("127.0.0.4"));
        await someoneElse.SignInAsync("admin", fixture.AdminPassword);

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        using var recovered = await attacker.LoginAsync("spray-after-" + Guid.NewGuid().ToString("N"), "wrong-password");
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_without_a_session_beyond_the_address_budget_get_429_and_recover()
    {
        using var client = fixture.NewBrowser(from: IPAddress.Parse("127.0.0.3"));
        var responses = await Task.WhenAll(Enumerable.Range(0, (2 * GatewayFixture.RequestsPerAddress) + 20)
            .Select(_ => client.GetAsync("/api/auth/me")));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await Task.Delay(retryAfter + TimeSpan.FromMilliseconds(200));
        using var recovered = await client.GetAsync("/api/auth/me");
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        return TimeSpan.FromSeconds(int.Parse(values.Single(), CultureInfo.InvariantCulture));
    }
}
