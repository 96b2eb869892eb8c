namespace Jarvis.Automation.Tests.Mqtt;

/// <summary>Waits for a condition, checking it often, until a deadline generous enough for a slow, busy machine.</summary>
public static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(deadline ?? Deadline);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not within {(deadline ?? Deadline).TotalSeconds:0} s: {what}");
            }
        }
    }

    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        Until(() => Task.FromResult(condition()), what, deadline);
}
