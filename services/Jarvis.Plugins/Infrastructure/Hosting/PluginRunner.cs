using System.Threading.Channels;
using Jarvis.Plugins.Infrastructure.Lua;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>
/// Owns a plugin's Lua state: calls into the plugin are queued and run one at a time (a
/// lua_State is single-threaded) by a drain loop on the thread pool; different plugins' loops
/// run in parallel up to the host's limit. While calls keep arriving the loop takes them one
/// after another on the same thread, with no wake-up between them (a dedicated thread blocked on
/// a queue cost two thread wake-ups per call, about a third of the stream's throughput). A long
/// call holds one pool thread for at most its budget, and at most the limit's number of them.
/// </summary>
internal sealed class PluginRunner
{
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _parallel;
    private int _holdsSlot;

    public PluginRunner(SemaphoreSlim parallel)
    {
        _parallel = parallel;
        _ = Task.Run(DrainAsync);
    }

    /// <summary>The state; touched only by this runner's drain loop, one call at a time.</summary>
    public LuaSandbox? Sandbox { get; set; }

    /// <summary>Set when a call is stuck in native code past its grace: the runner is left to finish alone.</summary>
    public bool Abandoned { get; private set; }

    public Task<T> RunAsync<T>(Func<PluginRunner, T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = _work.Writer.TryWrite(() =>
        {
            try
            {
                done.SetResult(work(this));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        if (!queued)
        {
            done.SetResult(work(new PluginRunner(this)));
        }

        return done.Task;
    }

    /// <summary>Stops taking work; the drain loop disposes the state after the queue drains.</summary>
    public void Complete() => _work.Writer.TryComplete();

    /// <summary>Gives up on a stuck thread: its parallelism slot is returned now, the state is dropped when native code returns.</summary>
    public void Abandon()
    {
        Abandoned = true;
        if (Interlocked.Exchange(ref _holdsSlot, 0) == 1)
        {
            _parallel.Release();
        }

        Complete();
    }

    private PluginRunner(PluginRunner closed)
    {
        // A stand-in with no state, for work that arrives after the runner closed.
        _parallel = closed._parallel;
        _work.Writer.TryComplete();
    }

    private async Task DrainAsync()
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var item))
            {
                await _parallel.WaitAsync().ConfigureAwait(false);
                Volatile.Write(ref _holdsSlot, 1);
                try
                {
                    if (Abandoned)
                    {
                        Sandbox?.Dispose();
                        Sandbox = null;
                    }

                    item();
                }
                finally
                {
                    if (Interlocked.Exchange(ref _holdsSlot, 0) == 1)
                    {
                        _parallel.Release();
                    }
                }
            }
        }

        Sandbox?.Dispose();
        Sandbox = null;
    }
}
