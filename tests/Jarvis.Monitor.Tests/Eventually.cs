namespace Jarvis.Monitor.Tests;

/// <summary>Waits for a condition with a deadline (never a fixed sleep): tests must pass on a slow, busy machine.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task<T> GetAsync<T>(Func<T?> probe, TimeSpan timeout, string what) where T : class =>
        GetAsync(() => Task.FromResult(probe()), timeout, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        await GetAsync(async () => await condition() ? "" : null, timeout, what);

    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
