using System.Collections.Concurrent;
using Jarvis.Plugins.Model;
using Microsoft.Extensions.Options;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>
/// Loads every plugin at start, then reloads a plugin whose folder changes (debounced, one
/// plugin at a time, the others untouched), so a plugin dropped into the folder shows up.
/// </summary>
internal sealed partial class PluginDirectoryWatcher(PluginHost host, IOptions<PluginsOptions> options, ILogger<PluginDirectoryWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Watch || !Directory.Exists(host.Directory))
        {
            await host.LoadAllAsync(stoppingToken);
            return;
        }

        // Watch first, then load: a plugin written during the initial load is not missed.

        using var watcher = new FileSystemWatcher(host.Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => Schedule(e.FullPath, stoppingToken);
        watcher.Created += (_, e) => Schedule(e.FullPath, stoppingToken);
        watcher.Deleted += (_, e) => Schedule(e.FullPath, stoppingToken);
        watcher.Renamed += (_, e) =>
        {
            Schedule(e.OldFullPath, stoppingToken);
            Schedule(e.FullPath, stoppingToken);
        };
        watcher.Error += (_, e) => LogWatchError(logger, e.GetException().Message);
        watcher.EnableRaisingEvents = true;
        await host.LoadAllAsync(stoppingToken);
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Schedule(string path, CancellationToken stoppingToken)
    {
        var relative = Path.GetRelativePath(host.Directory, path);
        var id = relative.Split(Path.DirectorySeparatorChar)[0];
        if (id.Length == 0 || id == "." || id.StartsWith('.') || relative.StartsWith("..", StringComparison.Ordinal))
        {
            return;
        }

        var next = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (_pending.TryRemove(id, out var previous))
        {
            previous.Cancel();
            previous.Dispose();
        }

        _pending[id] = next;
        _ = Task.Delay(Debounce, next.Token).ContinueWith(async t =>
        {
            if (t.IsCanceled)
            {
                return;
            }

            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(id, next));
            try
            {
                await host.ReloadAsync(id, stoppingToken);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e)
            {
                LogReloadFailed(logger, id, e);
            }
        }, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the plugins directory failed: {Error}")]
    private static partial void LogWatchError(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading plugin {PluginId} after a change failed")]
    private static partial void LogReloadFailed(ILogger logger, string pluginId, Exception exception);
}
