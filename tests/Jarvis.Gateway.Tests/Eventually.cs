using System.Diagnostics;

namespace Jarvis.Gateway.Tests;

/// <summary>
/// Waits for a condition, not for a length of time: asks again until the answer is the one awaited or the
/// deadline passes, so a fast machine does not wait and a slow one is not failed by a guess.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The first response that satisfies <paramref name="done"/>, or the last one when <paramref name="timeout"/> passed first.</summary>
    public static async Task<HttpResponseMessage> ResponseAsync(Func<Task<HttpResponseMessage>> send, Func<HttpResponseMessage, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(done);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await send();
            if (done(response) || clock.Elapsed >= timeout)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Fails the test unless <paramref name="condition"/> holds within <paramref name="timeout"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"{what}: not within {timeout.TotalSeconds:0.#} s");
            await Task.Delay(PollInterval);
        }
    }
}
