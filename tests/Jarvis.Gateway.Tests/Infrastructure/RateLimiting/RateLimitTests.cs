using System.Globalization;
using System.Net;
using Jarvis.Gateway.Infrastructure.RateLimiting;

namespace Jarvis.Gateway.Tests.Infrastructure.RateLimiting;

/// <summary>
/// Each test spends a budget of its own (its own username, user or client address), so no test, however fast
/// or slow the machine, meets a limit another test used up. The shared limits refill only after a period longer
/// than the test, so their counts are exact; recovery is shown by moving the bucket's clock by the Retry-After
/// the gateway answered. The general budgets live in each replica's memory and are waited for.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class RateLimitTests(GatewayFixture fixture)
{
    /// <summary>What a loaded machine may add to a Retry-After before the refill shows.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Logins_for_one_username_beyond_the_limit_get_429_with_retry_after_and_recover()
    {
        var username = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        // A spread-out attack on one name: from four addresses of their own, so that no per-address limit answers.
        var browsers = Enumerable.Range(0, 4).Select(_ => fixture.NewBrowser()).ToList();
        using var browser = browsers[0];
        // All at once, twice the limit and more: exactly the limit gets through, the rest is refused.
        var attempts = await Task.WhenAll(Enumerable.Range(0, (2 * GatewayFixture.LoginsPerUsername) + 10)
            .Select(i => browsers[i % browsers.Count].LoginAsync(username, "wrong-password")));
        foreach (var other in browsers.Skip(1))
        {
            other.Dispose();
        }

        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.All(attempts, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Equal(attempts.Length - GatewayFixture.LoginsPerUsername, limited.Count);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), GatewayFixture.LoginWindow + TimeSpan.FromSeconds(1));
        foreach (var response in attempts)
        {
            response.Dispose();
        }

        // As much time as the gateway asked to wait passes on the bucket's clock: the name may try again.
        await BucketClock.AdvanceAsync(fixture.Redis, SharedLimits.Key(SharedLimits.LoginUsernamePartition(username)), retryAfter);
        using var recovered = await browser.LoginAsync(username, "wrong-password");
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Message_sends_are_limited_to_a_small_burst_then_one_per_period_and_recover()
    {
        // The bucket is the user's: this test's own, and full.
        using var browser = await fixture.SignInAsNewAdminAsync();
        var path = $"/api/chat/conversations/{Guid.NewGuid()}/messages";
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < GatewayFixture.MessageBurst + 3; i++)
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

        // The burst goes to the chat service, whatever it answers for a conversation that does not exist; no more.
        Assert.All(statuses.Take(GatewayFixture.MessageBurst), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(GatewayFixture.MessageBurst), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.NotNull(limited);
        await ProblemAssert.IsProblemAsync(limited, HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited);
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), GatewayFixture.MessageRefill + TimeSpan.FromSeconds(1));
        limited.Dispose();

        // Other routes of the same user are not held back by the message limit.
        using (var other = await browser.GetAsync("/api/devices/lamp"))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        // The wait the gateway asked for passes on the bucket's clock: one token is back, and only one.
        await BucketClock.AdvanceAsync(fixture.Redis, SharedLimits.Key(SharedLimits.MessageSendPartition(browser.UserId!)), retryAfter);
        using var recovered = await browser.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
        Assert.NotEqual(HttpStatusCode.TooManyRequests, recovered.StatusCode);
        using var next = await browser.SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
        await ProblemAssert.IsProblemAsync(next, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_message_limit_is_one_bucket_for_every_replica()
    {
        // A user of this test's own: a full bucket, whatever other tests sent.
        using var onFirst = await fixture.SignInAsNewAdminAsync();
        using var onSecond = fixture.NewBrowser(replica: 1);
        onSecond.Cookie = onFirst.Cookie;
        onSecond.CsrfToken = onFirst.CsrfToken;
        var path = $"/api/chat/conversations/{Guid.NewGuid()}/messages";
        for (var i = 0; i < GatewayFixture.MessageBurst; i++)
        {
            using var sent = await (i % 2 == 0 ? onFirst : onSecond).SendJsonAsync(HttpMethod.Post, path, new { content = "hello", clientId = Guid.NewGuid() });
            Assert.NotEqual(HttpStatusCode.TooManyRequests, sent.StatusCode);
        }

        // Per replica, each would still have tokens left; shared, the burst is spent.
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
        // per replica every attempt would pass; counted together half are refused.
        var browsers = Enumerable.Range(0, 4).Select(i => fixture.NewBrowser(i % 2)).ToList();
        try
        {
            var attempts = await Task.WhenAll(Enumerable.Range(0, 2 * GatewayFixture.LoginsPerUsername)
                .Select(i => browsers[i % browsers.Count].LoginAsync(username, "wrong-password")));
            var refused = attempts.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            Assert.All(attempts, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
            Assert.True(refused == GatewayFixture.LoginsPerUsername, $"{refused} of {attempts.Length} refused");
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
        // A user of this test's own: its budget is spent by this test alone.
        using var browser = await fixture.SignInAsNewAdminAsync();
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

        // The budget is in the gateway's memory, on its clock: wait for the refill, not for a guess at it.
        using var recovered = await Eventually.ResponseAsync(() => browser.GetAsync("/api/devices/lamp"),
            r => r.StatusCode != HttpStatusCode.TooManyRequests, retryAfter + Slack);
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    [Fact]
    public async Task Logins_from_one_address_beyond_the_limit_get_429_whatever_the_usernames_and_others_are_not_held_back()
    {
        using var attacker = fixture.NewBrowser();
        var attempts = await Task.WhenAll(Enumerable.Range(0, GatewayFixture.LoginsPerAddress + 10)
            .Select(i => attacker.LoginAsync($"spray-{i}-{Guid.NewGuid():N}", "wrong-password")));
        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(attempts.Length - GatewayFixture.LoginsPerAddress, limited.Count);
        await ProblemAssert.IsProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        var retryAfter = RetryAfter(limited[0]);
        foreach (var response in attempts)
        {
            response.Dispose();
        }

        // Another address signs in meanwhile.
        var (username, password) = await fixture.NewAccountAsync();
        using var someoneElse = fixture.NewBrowser();
        await someoneElse.SignInAsync(username, password);

        // As much time as the gateway asked to wait passes on the bucket's clock: the address may try again.
        await BucketClock.AdvanceAsync(fixture.Redis, SharedLimits.Key(SharedLimits.LoginAddressPartition(attacker.From!.ToString())), retryAfter);
        using var recovered = await attacker.LoginAsync("spray-after-" + Guid.NewGuid().ToString("N"), "wrong-password");
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Requests_without_a_session_beyond_the_address_budget_get_429_and_recover()
    {
        using var client = fixture.NewBrowser();
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

        // The budget is in the gateway's memory, on its clock: wait for the refill, not for a guess at it.
        using var recovered = await Eventually.ResponseAsync(() => client.GetAsync("/api/auth/me"),
            r => r.StatusCode != HttpStatusCode.TooManyRequests, retryAfter + Slack);
        await ProblemAssert.IsProblemAsync(recovered, HttpStatusCode.Unauthorized);
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        return TimeSpan.FromSeconds(int.Parse(values.Single(), CultureInfo.InvariantCulture));
    }
}
