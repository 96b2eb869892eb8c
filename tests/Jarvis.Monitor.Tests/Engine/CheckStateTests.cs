extern alias monitor;

using monitor::Jarvis.Monitor.Engine;
using monitor::Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Tests.Engine;

/// <summary>Thresholds, pending, flapping: the state machine each check runs through, fed results by hand.</summary>
public sealed class CheckStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProbeResult Pass = ProbeResult.Pass(5);
    private static readonly ProbeResult Fail = ProbeResult.Fail(5, "connection refused");

    private static CheckState State(int failures = 2, int successes = 1, int flapChanges = 4) =>
        new(new CheckDefinition { Id = "x", Name = "x", Kind = CheckKind.Tcp, FailureThreshold = failures, SuccessThreshold = successes },
            T0, new FlappingOptions { Changes = flapChanges, Window = TimeSpan.FromMinutes(10) });

    [Fact]
    public void The_first_pass_confirms_up_and_failures_below_the_threshold_show_pending_without_going_down()
    {
        var state = State(failures: 3);
        Assert.Equal(CheckStatus.Up, state.Apply(Pass, T0)!.Confirmed);

        var first = state.Apply(Fail, T0.AddSeconds(1))!;
        Assert.Equal(CheckStatus.Pending, first.Shown);
        Assert.Equal(CheckStatus.Up, first.Confirmed);
        Assert.True(state.Retrying);
        Assert.Null(state.Apply(Fail, T0.AddSeconds(2)));

        var third = state.Apply(Fail, T0.AddSeconds(3))!;
        Assert.Equal((CheckStatus.Up, CheckStatus.Down), (third.ConfirmedBefore, third.Confirmed));
        Assert.Equal(CheckStatus.Down, state.Snapshot().Status);
        Assert.Equal("connection refused", state.Snapshot().Message);
        Assert.False(state.Retrying);
    }

    [Fact]
    public void Within_the_start_up_grace_a_check_never_seen_up_stays_pending_but_one_seen_up_goes_down()
    {
        var flapping = new FlappingOptions();
        var never = new CheckState(new CheckDefinition { Id = "a", Name = "a", Kind = CheckKind.Tcp }, T0, flapping, T0.AddSeconds(60));
        never.Apply(Fail, T0.AddSeconds(1));
        never.Apply(Fail, T0.AddSeconds(2));
        Assert.Equal(CheckStatus.Pending, never.Confirmed);
        Assert.Equal(CheckStatus.Down, never.Apply(Fail, T0.AddSeconds(61))!.Confirmed);

        var seen = new CheckState(new CheckDefinition { Id = "b", Name = "b", Kind = CheckKind.Tcp }, T0, flapping, T0.AddSeconds(60));
        seen.Apply(Pass, T0.AddSeconds(1));
        seen.Apply(Fail, T0.AddSeconds(2));
        Assert.Equal(CheckStatus.Down, seen.Apply(Fail, T0.AddSeconds(3))!.Confirmed);
    }

    [Fact]
    public void A_down_check_needs_its_success_threshold_in_a_row_to_come_back()
    {
        var state = State(failures: 1, successes: 2);
        state.Apply(Pass, T0);
        state.Apply(Fail, T0.AddSeconds(1));
        Assert.Equal(CheckStatus.Down, state.Confirmed);

        state.Apply(Pass, T0.AddSeconds(2));
        state.Apply(Fail, T0.AddSeconds(3));
        state.Apply(Pass, T0.AddSeconds(4));
        Assert.Equal(CheckStatus.Down, state.Confirmed);

        var back = state.Apply(Pass, T0.AddSeconds(5))!;
        Assert.Equal((CheckStatus.Down, CheckStatus.Up), (back.ConfirmedBefore, back.Confirmed));
    }

    [Fact]
    public void A_check_that_starts_failing_goes_down_from_pending_at_its_threshold()
    {
        var state = State(failures: 2);
        state.Apply(Fail, T0);
        Assert.Equal(CheckStatus.Pending, state.Confirmed);
        Assert.Equal(CheckStatus.Down, state.Apply(Fail, T0.AddSeconds(1))!.Confirmed);
    }

    [Fact]
    public void Flapping_starts_once_at_the_nth_change_within_the_window_and_ends_when_the_window_passes_quietly()
    {
        var state = State(failures: 1, flapChanges: 4);
        state.Apply(Pass, T0);
        var started = new List<int>();
        for (var i = 1; i <= 8; i++)
        {
            var t = state.Apply(i % 2 == 1 ? Fail : Pass, T0.AddSeconds(i))!;
            if (t.FlappingStarted)
            {
                started.Add(i);
            }
        }

        Assert.Equal([4], started);
        Assert.True(state.Flapping);
        Assert.True(state.Snapshot().Flapping);

        Assert.Null(state.Apply(Pass, T0.AddMinutes(5)));
        var ended = state.Apply(Pass, T0.AddMinutes(11))!;
        Assert.True(ended.FlappingEnded);
        Assert.False(state.Flapping);
    }

    [Fact]
    public void Maintenance_and_pause_are_shown_and_leaving_them_shows_the_last_verdict_until_the_next_attempt()
    {
        var state = State();
        state.Apply(Pass, T0);
        Assert.Equal(CheckStatus.Maintenance, state.Hold(CheckStatus.Maintenance, T0.AddSeconds(1))!.Shown);
        Assert.Equal(CheckStatus.Up, state.Confirmed);
        Assert.Equal(CheckStatus.Up, state.Resume(T0.AddSeconds(2))!.Shown);
        Assert.Null(state.Resume(T0.AddSeconds(3)));
    }
}
