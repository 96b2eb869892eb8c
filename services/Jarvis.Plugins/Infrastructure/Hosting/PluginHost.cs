using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Infrastructure.Lua;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Microsoft.Extensions.Options;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>
/// The catalog of plugins and the way in: load, reload, enable, disable, invoke and dispatch.
/// A failure to load is kept with the plugin and returned, never only logged (audit finding 16).
/// </summary>
internal sealed partial class PluginHost : IDisposable
{
    private readonly ConcurrentDictionary<string, PluginEntry> _plugins = new(StringComparer.Ordinal);

    // An admin's enable/disable by id, kept for plugins not (yet) in the folder too.
    private readonly ConcurrentDictionary<string, bool> _chosen = new(StringComparer.Ordinal);
    private readonly PluginsOptions _options;
    private readonly IPluginKvStore _kv;
    private readonly IMqttPublisher _mqtt;
    private readonly PluginMetrics _metrics;
    private readonly ILogger<PluginHost> _logger;
    private readonly SemaphoreSlim _parallel;

    public PluginHost(IOptions<PluginsOptions> options, IPluginKvStore kv, IMqttPublisher mqtt, PluginMetrics metrics, ILogger<PluginHost> logger)
    {
        _options = options.Value;
        _kv = kv;
        _mqtt = mqtt;
        _metrics = metrics;
        _logger = logger;
        _parallel = new SemaphoreSlim(Math.Max(1, _options.MaxParallelPlugins));
        _metrics.Observe(() => _plugins.Values.Select(p => (p.Id, Interlocked.Read(ref p.MemoryBytes))));
    }

    public string Directory => Path.GetFullPath(_options.Directory);

    public IReadOnlyList<PluginSnapshot> List() => _plugins.Values.Select(p => p.Snapshot()).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();

    public PluginSnapshot? Get(string id) => _plugins.TryGetValue(id, out var entry) ? entry.Snapshot() : null;

    /// <summary>Loads every folder of the plugins directory; one plugin's failure does not stop the others.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            LogNoDirectory(_logger, Directory);
            return;
        }

        var folders = System.IO.Directory.GetDirectories(Directory).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.'));
        await Task.WhenAll(folders.Select(name => ReloadAsync(name, cancellationToken)));
    }

    /// <summary>(Re)reads one plugin's folder into a fresh state; the previous state serves until the new one is ready.</summary>
    public async Task<PluginSnapshot?> ReloadAsync(string id, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(Directory, id);
        if (!System.IO.Directory.Exists(folder))
        {
            if (_plugins.TryRemove(id, out var gone))
            {
                gone.Runner?.Complete();
                LogRemoved(_logger, id);
            }

            return null;
        }

        var entry = _plugins.GetOrAdd(id, name => new PluginEntry(name, folder) { Disabled = _chosen.TryGetValue(name, out var enabled) && !enabled });
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var files = PluginFiles.Read(folder, _options);
            var runner = new PluginRunner(id, _parallel);
            var error = files.Error ?? await runner.RunAsync(r => Start(r, entry, files));
            var previous = entry.Runner;
            entry.Files = files;
            if (error is null)
            {
                entry.Runner = runner;
                entry.LoadError = null;
                LogLoaded(_logger, id, files.Manifest!.Version);
            }
            else
            {
                runner.Complete();
                entry.Runner = null;
                entry.LoadError = error;
                LogLoadFailed(_logger, id, error);
            }

            previous?.Complete();
            return entry.Snapshot();
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>The enable/disable choices saved before this start; call before the plugins load, so none serves a moment it should not.</summary>
    public void ApplySavedStates(IReadOnlyDictionary<string, bool> enabledById)
    {
        ArgumentNullException.ThrowIfNull(enabledById);
        foreach (var (id, enabled) in enabledById)
        {
            _chosen[id] = enabled;
            if (_plugins.TryGetValue(id, out var entry))
            {
                entry.Disabled = !enabled;
            }
        }
    }

    public async Task<PluginSnapshot?> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken = default)
    {
        if (!_plugins.TryGetValue(id, out var entry))
        {
            return null;
        }

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            entry.Disabled = !enabled;
            _chosen[id] = enabled;
            return entry.Snapshot();
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Calls one plugin's hook. Null when the plugin id is unknown.</summary>
    public async Task<PluginCallResult?> InvokeAsync(string id, string hook, JsonNode? args)
    {
        if (!_plugins.TryGetValue(id, out var entry))
        {
            return null;
        }

        if (entry.Disabled)
        {
            return PluginCallResult.Failure(PluginErrorCode.NotLoaded, $"plugin '{id}' is disabled");
        }

        if (entry.Runner is not { } runner || entry.LoadError is { } loadError)
        {
            return PluginCallResult.Failure(PluginErrorCode.NotLoaded, $"plugin '{id}' is not loaded: {entry.LoadError ?? "not loaded yet"}");
        }

        if (entry.Manifest?.Hooks.Contains(hook) != true)
        {
            return PluginCallResult.Failure(PluginErrorCode.NoSuchHook, $"plugin '{id}' does not implement '{hook}'");
        }

        var budget = entry.Budget(_options);
        var started = Stopwatch.GetTimestamp();
        var call = runner.RunAsync(r => Call(r, entry, hook, args, budget));
        PluginCallResult result;
        try
        {
            // WaitAsync drops its timer as soon as the call returns (a Task.Delay per call would linger for the whole budget).
            result = await call.WaitAsync(budget + TimeSpan.FromMilliseconds(_options.StuckGraceMs));
        }
        catch (TimeoutException)
        {
            // Stuck in native code (a pathological pattern match): leave that thread and serve from a fresh state.
            result = PluginCallResult.Failure(PluginErrorCode.Timeout, $"{hook} exceeded its execution budget of {budget.TotalMilliseconds:0} ms and did not return; the state was replaced");
            LogAbandoned(_logger, id, hook);
            runner.Abandon();
            _ = ReplaceAsync(entry, runner);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        entry.Record(result, elapsed);
        _metrics.Record(id, result, elapsed);
        if (!result.Ok)
        {
            LogFailure(entry, hook, result);
        }

        return result;
    }

    /// <summary>Calls a hook on every enabled, loaded plugin that implements it, by priority (highest first).
    /// For on_message the first non-nil reply wins and the rest are not called.</summary>
    public async Task<IReadOnlyList<(string PluginId, PluginCallResult Result)>> DispatchAsync(string hook, JsonNode? args)
    {
        var targets = _plugins.Values
            .Where(p => p.Status == PluginStatus.Loaded && p.Manifest?.Hooks.Contains(hook) == true)
            .OrderByDescending(p => p.Manifest!.Priority).ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var results = new List<(string, PluginCallResult)>();
        if (hook == PluginHooks.OnMessage)
        {
            foreach (var target in targets)
            {
                var result = await InvokeAsync(target.Id, hook, args?.DeepClone());
                if (result is null)
                {
                    continue;
                }

                results.Add((target.Id, result));
                if (result.Ok && result.Value is not null)
                {
                    break;
                }
            }

            return results;
        }

        var all = await Task.WhenAll(targets.Select(async t => (t.Id, await InvokeAsync(t.Id, hook, args?.DeepClone()))));
        return all.Where(r => r.Item2 is not null).Select(r => (r.Id, r.Item2!)).ToList();
    }

    private async Task ReplaceAsync(PluginEntry entry, PluginRunner stuck)
    {
        await entry.Gate.WaitAsync();
        try
        {
            if (entry.Runner != stuck || entry.Files is not { } files)
            {
                return;
            }

            var runner = new PluginRunner(entry.Id, _parallel);
            var error = await runner.RunAsync(r => Start(r, entry, files));
            entry.Runner = error is null ? runner : null;
            entry.LoadError = error;
            if (error is not null)
            {
                runner.Complete();
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>On the runner thread: a fresh state with main.lua run. Returns the load error, or null.</summary>
    private string? Start(PluginRunner runner, PluginEntry entry, PluginFiles files)
    {
        runner.Sandbox?.Dispose();
        runner.Sandbox = null;
        if (files.Manifest is not { } manifest || files.Source is not { } source)
        {
            return files.Error ?? "the plugin has no source";
        }

        var api = new PluginHostApi(manifest.Id, _logger, _kv, _mqtt);
        var sandbox = new LuaSandbox(manifest, entry.MemoryLimit(_options), api);
        var loaded = sandbox.Load(source, $"{manifest.Id}/{PluginFiles.EntryFile}", entry.Budget(_options));
        Interlocked.Exchange(ref entry.MemoryBytes, sandbox.MemoryBytes);
        if (!loaded.Ok)
        {
            sandbox.Dispose();
            return $"{loaded.Error!.Value.ToWire()}: {loaded.Message}";
        }

        runner.Sandbox = sandbox;
        return null;
    }

    /// <summary>On the runner thread: one call; a state stopped by the budget or the cap is recycled before the next.</summary>
    private PluginCallResult Call(PluginRunner runner, PluginEntry entry, string hook, JsonNode? args, TimeSpan budget)
    {
        if (runner.Sandbox is not { } sandbox)
        {
            return PluginCallResult.Failure(PluginErrorCode.NotLoaded, $"plugin '{entry.Id}' is being replaced");
        }

        var result = sandbox.Call(hook, args, budget);
        Interlocked.Exchange(ref entry.MemoryBytes, sandbox.MemoryBytes);
        if (sandbox.Poisoned && !runner.Abandoned && entry.Files is { } files)
        {
            var error = Start(runner, entry, files);
            if (error is not null)
            {
                entry.LoadError = $"recycling after {result.Error?.ToWire()} failed: {error}";
            }
        }

        return result;
    }

    private void LogFailure(PluginEntry entry, string hook, PluginCallResult result)
    {
        switch (result.Error)
        {
            case PluginErrorCode.Timeout:
                LogTimeout(_logger, entry.Id, hook, result.Message);
                break;
            case PluginErrorCode.MemoryLimit:
                LogMemoryLimit(_logger, entry.Id, hook, result.Message);
                break;
            default:
                LogCallFailed(_logger, entry.Id, hook, result.Error!.Value.ToWire(), result.Message);
                break;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _plugins.Values)
        {
            entry.Runner?.Complete();
        }

        // _parallel is not disposed: runner threads still draining their queues release it.
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} loaded")]
    private static partial void LogLoaded(ILogger logger, string pluginId, string version);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Plugin {PluginId} failed to load: {Error}")]
    private static partial void LogLoadFailed(ILogger logger, string pluginId, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Plugin timeout: {PluginId} {Hook}: {Detail}")]
    private static partial void LogTimeout(ILogger logger, string pluginId, string hook, string? detail);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Plugin memory limit: {PluginId} {Hook}: {Detail}")]
    private static partial void LogMemoryLimit(ILogger logger, string pluginId, string hook, string? detail);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Plugin {PluginId} {Hook} failed ({Code}): {Detail}")]
    private static partial void LogCallFailed(ILogger logger, string pluginId, string hook, string code, string? detail);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Plugin timeout: {PluginId} {Hook} is stuck in native code; its thread was abandoned and the state replaced")]
    private static partial void LogAbandoned(ILogger logger, string pluginId, string hook);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Plugin {PluginId} removed (its folder is gone)")]
    private static partial void LogRemoved(ILogger logger, string pluginId);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "The plugins directory {Directory} does not exist; no plugin is loaded")]
    private static partial void LogNoDirectory(ILogger logger, string directory);
}
