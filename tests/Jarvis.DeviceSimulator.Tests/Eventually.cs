namespace Jarvis.Simulation.Tests;

/// <summary>Waits for a condition with a deadline, looking again every few milliseconds; never a fixed sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? Deadline);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Not within {(deadline ?? Deadline).TotalSeconds:0} s: {what}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
