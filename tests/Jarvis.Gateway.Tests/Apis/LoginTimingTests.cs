using System.Diagnostics;
using System.Net;
using Jarvis.ServiceDefaults.Authentication;
using Xunit.Abstractions;

namespace Jarvis.Gateway.Tests.Apis;

[Collection(GatewayCollection.Name)]
public sealed class LoginTimingTests(GatewayFixture fixture, ITestOutputHelper output)
{
    private const int Rounds = 30;
    private const int Warmup = 3;

    [Fact]
    public async Task Login_takes_the_same_time_for_an_unknown_user_as_for_a_wrong_password()
    {
        // Wrong passwords go to existing users in turn, and the logins come from addresses of this test's own in
        // turn: enough of each that every name and every address stays within its login limit by count, however
        // fast the machine.
        const int wrongPasswords = Warmup + Rounds;
        const int logins = 2 * wrongPasswords;
        var existing = new List<string>();
        for (var i = 0; i < EnoughFor(wrongPasswords, GatewayFixture.LoginsPerUsername); i++)
        {
            existing.Add((await fixture.NewAccountAsync(InternalRoles.User)).Username);
        }

        var addresses = Enumerable.Range(0, EnoughFor(logins, GatewayFixture.LoginsPerAddress)).Select(_ => fixture.NewBrowser()).ToList();
        var (sent, tried) = (0, 0);
        try
        {
            await MeasureAsync(() => addresses[sent++ % addresses.Count], () => existing[tried++ % existing.Count]);
        }
        finally
        {
            addresses.ForEach(b => b.Dispose());
        }
    }

    private async Task MeasureAsync(Func<Browser> browser, Func<string> existing)
    {
        for (var i = 0; i < Warmup; i++)
        {
            await TimeAsync(browser(), existing());
            await TimeAsync(browser(), Unknown());
        }

        var wrongPassword = new List<double>();
        var unknownUser = new List<double>();
        // Interleaved, so that drift in the machine's load falls on both alike.
        for (var i = 0; i < Rounds; i++)
        {
            if (i % 2 == 0)
            {
                wrongPassword.Add(await TimeAsync(browser(), existing()));
                unknownUser.Add(await TimeAsync(browser(), Unknown()));
            }
            else
            {
                unknownUser.Add(await TimeAsync(browser(), Unknown()));
                wrongPassword.Add(await TimeAsync(browser(), existing()));
            }
        }

        var (wrongMedian, unknownMedian) = (Median(wrongPassword), Median(unknownUser));
        output.WriteLine($"wrong password: median {wrongMedian:F1} ms, p25 {Quantile(wrongPassword, 0.25):F1}, p75 {Quantile(wrongPassword, 0.75):F1}");
        output.WriteLine($"unknown user:   median {unknownMedian:F1} ms, p25 {Quantile(unknownUser, 0.25):F1}, p75 {Quantile(unknownUser, 0.75):F1}");

        // A skipped hash makes one side several times faster (a few ms against a PBKDF2 run); the load of a shared
        // 2-core machine moves medians by up to a quarter or so, hence the generous tolerance.
        var tolerance = Math.Max(15, 0.35 * Math.Max(wrongMedian, unknownMedian));
        Assert.True(Math.Abs(wrongMedian - unknownMedian) <= tolerance,
            $"medians differ: wrong password {wrongMedian:F1} ms, unknown user {unknownMedian:F1} ms (tolerance {tolerance:F1} ms)");
        // The middle halves of the two distributions overlap.
        Assert.True(Quantile(wrongPassword, 0.25) <= Quantile(unknownUser, 0.75) && Quantile(unknownUser, 0.25) <= Quantile(wrongPassword, 0.75),
            "the interquartile ranges do not overlap");
    }

    /// <summary>How many partitions <paramref name="count"/> attempts need so that none gets more than <paramref name="limit"/>.</summary>
    private static int EnoughFor(int count, int limit) => (count + limit - 1) / limit;

    private static string Unknown() => "nobody-" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<double> TimeAsync(Browser browser, string username)
    {
        var clock = Stopwatch.StartNew();
        using var response = await browser.LoginAsync(username, "not-the-password-" + Guid.NewGuid().ToString("N")[..6]);
        clock.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Quantile(values, 0.5);

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }
}
