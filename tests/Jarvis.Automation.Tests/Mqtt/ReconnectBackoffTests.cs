extern alias automation;

using automation::Jarvis.Automation.Mqtt;

namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>The reconnect delays as a pure rule: 100 ms doubling, capped, shortened by at most the jitter share.</summary>
public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public void Without_jitter_the_delays_double_from_100_ms_until_the_cap()
    {
        var backoff = new ReconnectBackoff(First, Cap, 0.2, () => 0);

        var delays = Enumerable.Range(0, 12).Select(n => backoff.Delay(n).TotalMilliseconds).ToArray();

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000], delays);
    }

    [Theory]
    [InlineData(0.0, 800)]
    [InlineData(0.5, 720)]
    [InlineData(0.999999, 640.0002)]
    public void Jitter_shortens_a_delay_by_at_most_its_share(double random, double expectedMs)
    {
        var backoff = new ReconnectBackoff(First, Cap, 0.2, () => random);

        Assert.Equal(expectedMs, backoff.Delay(3).TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Every_delay_lies_between_80_and_100_percent_of_its_nominal_value_and_never_above_the_cap()
    {
        var random = new Random(42);
        var backoff = new ReconnectBackoff(First, Cap, 0.2, random.NextDouble);

        for (var attempt = 0; attempt < 200; attempt++)
        {
            var nominal = backoff.Nominal(attempt);
            var delay = backoff.Delay(attempt);
            Assert.InRange(delay, nominal * 0.8, nominal);
            Assert.True(delay <= Cap);
        }
    }

    [Fact]
    public void It_never_gives_up_even_after_countless_attempts()
    {
        var backoff = new ReconnectBackoff(First, Cap, 0.2, () => 0);

        Assert.Equal(Cap, backoff.Delay(int.MaxValue));
    }
}
