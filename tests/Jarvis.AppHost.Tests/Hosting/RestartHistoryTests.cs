using Jarvis.AppHost.Hosting;

namespace Jarvis.AppHost.Tests.Hosting;

public sealed class RestartHistoryTests
{
    private static readonly DateTime Start = new(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Quick_crashes_in_a_row_back_off_from_100_ms_doubling_up_to_30_s()
    {
        var history = new RestartHistory();
        var delays = new List<TimeSpan>();
        var now = Start;
        for (var crash = 0; crash < 12; crash++)
        {
            history.Started(now);
            now = now.AddSeconds(1);
            Assert.True(history.TryBeginRestart(now, out var delay));
            history.EndRestart();
            delays.Add(delay);
        }

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 30000, 30000, 30000], delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Equal(12, history.Restarts);
    }

    [Fact]
    public void A_crash_after_a_stable_run_is_restarted_at_once_again()
    {
        var history = new RestartHistory();
        history.Started(Start);
        Assert.True(history.TryBeginRestart(Start.AddSeconds(1), out _));
        history.EndRestart();
        history.Started(Start.AddSeconds(2));
        Assert.True(history.TryBeginRestart(Start.AddSeconds(3), out var quick));
        history.EndRestart();
        history.Started(Start.AddSeconds(4));

        Assert.True(history.TryBeginRestart(Start.AddSeconds(4) + Supervisor.StableAfter, out var afterStable));
        Assert.Equal(TimeSpan.FromMilliseconds(200), quick);
        Assert.Equal(Supervisor.FirstDelay, afterStable);
    }

    [Fact]
    public void One_crash_reported_twice_is_restarted_once()
    {
        var history = new RestartHistory();
        history.Started(Start);
        Assert.True(history.TryBeginRestart(Start.AddSeconds(1), out _));
        Assert.False(history.TryBeginRestart(Start.AddSeconds(1), out _));
        history.EndRestart();
        Assert.False(history.TryBeginRestart(Start.AddSeconds(1), out _));
        Assert.Equal(1, history.Restarts);
    }

    [Fact]
    public void An_end_that_was_asked_for_is_told_apart_from_a_crash()
    {
        var history = new RestartHistory();

        Assert.False(history.Observe("Running"));
        Assert.True(history.Observe("Stopping"));
        Assert.True(history.Observe("Finished"));
        Assert.False(history.Observe("Starting"));
        Assert.False(history.Observe("Running"));
        Assert.False(history.Observe("Finished"));
    }

    [Fact]
    public void A_stop_the_AppHost_sends_itself_counts_as_asked_for_until_an_instance_starts_after_it()
    {
        var history = new RestartHistory();
        history.Started(Start);
        history.StopRequested(Start.AddSeconds(10));

        // Health updates repeat Running before the process ends; the end is still the one asked for.
        Assert.True(history.Observe("Running"));
        Assert.True(history.Observe("Finished"));

        history.Started(Start.AddSeconds(11));
        Assert.False(history.Observe("Running"));
        Assert.False(history.Observe("Finished"));
    }
}
