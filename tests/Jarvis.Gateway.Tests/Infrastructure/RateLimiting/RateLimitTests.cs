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
        using var browser = fixture.NewBrowser();
        // All at once, so that they land in one window however long each check takes.
        var attempts = await Task.WhenAll(Enumerable.Range(0, GatewayFixture.LoginsPerUsername + 10)
            .Select(_ => browser.LoginAsync(username, "wrong-password")));
        var limited = attempts.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.InRange(limited.Count, 10, 10 + 5);
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

    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Retry-After", out var values), "429 without Retry-After");
        return TimeSpan.FromSeconds(int.Parse(values.Single(), CultureInfo.InvariantCulture));
    }
}
