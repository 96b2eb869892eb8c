using System.Collections.Concurrent;
using Jarvis.Plugins.Infrastructure.Lua;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>
/// The one thread that owns a plugin's Lua state: calls into the plugin are queued and run one
/// at a time (a lua_State is single-threaded); different plugins' runners run in parallel up
/// to the host's limit.
/// </summary>
internal sealed class PluginRunner
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly SemaphoreSlim _parallel;
    private int _holdsSlot;

    public PluginRunner(string pluginId, SemaphoreSlim parallel)
    {
        _parallel = parallel;
        var thread = new Thread(Run) { IsBackground = true, Name = $"plugin {pluginId}" };
        thread.Start();
    }

    /// <summary>The state; touched only on this runner's thread.</summary>
    public LuaSandbox? Sandbox { get; set; }

    /// <summary>Set when a call is stuck in native code past its grace: the runner is left to finish alone.</summary>
    public bool Abandoned { get; private set; }

    public Task<T> RunAsync<T>(Func<PluginRunner, T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _work.Add(() =>
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
        }
        catch (InvalidOperationException)
        {
            done.SetResult(work(new PluginRunner(this)));
        }

        return done.Task;
    }

    /// <summary>Stops taking work; the thread disposes the state after the queue drains.</summary>
    public void Complete() => _work.CompleteAdding();

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
        _work.CompleteAdding();
    }

    private void Run()
    {
        foreach (var item in _work.GetConsumingEnumerable())
        {
            _parallel.Wait();
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

        Sandbox?.Dispose();
        Sandbox = null;
    }
}
