using System.Diagnostics;
using System.Net;

namespace Jarvis.Gateway.Tests.Infrastructure.Sessions;

/// <summary>Redis (sessions, key ring, shared limits) stopped and started again under a running gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RedisOutageTests(GatewayFixture fixture)
{
    [Fact]
    public async Task While_redis_is_down_requests_get_503_problem_details_and_the_session_works_again_after()
    {
        var (username, password) = await fixture.NewAccountAsync();
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(username, password);
        await fixture.App.StopResourceAsync("redis");
        try
        {
            using var me = await browser.GetAsync("/api/auth/me");
            await ProblemAssert.IsProblemAsync(me, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(me.Headers.RetryAfter);

            using var stranger = fixture.NewBrowser();
            using var login = await stranger.LoginAsync(username, password);
            await ProblemAssert.IsProblemAsync(login, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await fixture.App.StartResourceAsync("redis");
            await fixture.App.WaitForHealthyAsync("redis", TimeSpan.FromSeconds(30));
        }

        // The session was kept (append-only file): the same cookie works once Redis answers again.
        var watch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var again = await browser.GetAsync("/api/auth/me");
            status = again.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(200);
            }
        }
        while (status != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
