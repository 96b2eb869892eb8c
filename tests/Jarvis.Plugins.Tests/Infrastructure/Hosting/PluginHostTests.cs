using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Tests.Infrastructure.Hosting;

public sealed class PluginHostTests : IDisposable
{
    private readonly PluginFolders _folders = new();

    public static TheoryData<string, string?, string?, string> LoadFailures => new()
    {
        { "bad_manifest", """{ "id": "Bad", "version": "" }""", "return {}", "invalid plugin.json" },
        { "no_manifest", null, "return {}", "plugin.json is missing" },
        { "no_source", PluginFolders.Manifest("no_source"), null, "main.lua is missing" },
        { "other_name", PluginFolders.Manifest("not_the_folder"), "return {}", "must equal the manifest id" },
        { "syntax_error", PluginFolders.Manifest("syntax_error"), "return { on_message = function( }", "syntax error" },
        { "top_error", PluginFolders.Manifest("top_error"), "error('refusing to start')", "refusing to start" },
        { "top_timeout", PluginFolders.Manifest("top_timeout"), "while true do end", "timeout: main.lua exceeded its execution budget" },
        { "top_memory", PluginFolders.Manifest("top_memory"), "local t = {} for i = 1, 1e8 do t[i] = i end", "memory_limit" },
        { "not_a_function", PluginFolders.Manifest("not_a_function"), "return { on_message = 42 }", "no function for it (found a number)" },
        { "missing_hook", PluginFolders.Manifest("missing_hook"), "return {}", "declares hook 'on_message'" },
        { "not_a_table", PluginFolders.Manifest("not_a_table"), "return 'hello'", "must return a table" },
        { "bytecode", PluginFolders.Manifest("bytecode"), "\u001bLuaT\0\u0019\u0093\r\n", "precompiled bytecode" },
        { "closes", PluginFolders.Manifest("closes"), "local x <close> = nil return {}", "to-be-closed" },
    };

    [Theory]
    [MemberData(nameof(LoadFailures))]
    public async Task Every_load_failure_is_listed_with_its_message_and_others_still_serve(string folder, string? manifest, string? source, string message)
    {
        _folders.Write(folder, manifest, source);
        _folders.WriteHook("healthy", "return 'ok'");
        using var host = _folders.CreateHost();

        await host.LoadAllAsync();

        var failed = host.Get(folder)!;
        Assert.Equal(PluginStatus.Failed, failed.Status);
        Assert.Contains(message, failed.Error, StringComparison.Ordinal);
        Assert.Equal(PluginErrorCode.NotLoaded, (await host.InvokeAsync(folder, PluginHooks.OnMessage, null))!.Error);
        Assert.Equal(PluginStatus.Loaded, host.Get("healthy")!.Status);
        Assert.Equal("ok", (await host.InvokeAsync("healthy", PluginHooks.OnMessage, null))!.Value!.GetValue<string>());
    }

    [Fact]
    public async Task A_timeout_recycles_the_state_and_the_plugin_serves_again()
    {
        _folders.WriteHook("sleepy", "counter = (counter or 0) + 1 if args.loop then while true do end end return { counter = counter }");
        using var host = _folders.CreateHost();
        await host.LoadAllAsync();

        Assert.Equal(1, (await host.InvokeAsync("sleepy", PluginHooks.OnMessage, new JsonObject()))!.Value!["counter"]!.GetValue<long>());
        Assert.Equal(2, (await host.InvokeAsync("sleepy", PluginHooks.OnMessage, new JsonObject()))!.Value!["counter"]!.GetValue<long>());
        var timeout = await host.InvokeAsync("sleepy", PluginHooks.OnMessage, new JsonObject { ["loop"] = true });
        Assert.Equal(PluginErrorCode.Timeout, timeout!.Error);

        // a fresh state: the global counter starts over
        Assert.Equal(1, (await host.InvokeAsync("sleepy", PluginHooks.OnMessage, new JsonObject()))!.Value!["counter"]!.GetValue<long>());
        var stats = host.Get("sleepy")!.Statistics;
        Assert.Equal(4, stats.Calls);
        Assert.Equal(1, stats.Timeouts);
        Assert.Equal(1, stats.Errors);
        Assert.True(stats.MemoryBytes > 0);
    }

    [Fact]
    public async Task A_call_stuck_in_native_code_is_abandoned_and_the_plugin_replaced()
    {
        // A pattern match is one C call with no hook inside: the host gives up on that thread after the grace.
        _folders.WriteHook("backtrack", "if args.evil then return (string.rep('a', 15)):match(string.rep('a*', 15) .. 'b') end return 'fine'", timeoutMs: 50);
        using var host = _folders.CreateHost(stuckGraceMs: 200);
        await host.LoadAllAsync();

        var stuck = await host.InvokeAsync("backtrack", PluginHooks.OnMessage, new JsonObject { ["evil"] = true });
        Assert.Equal(PluginErrorCode.Timeout, stuck!.Error);
        Assert.Contains("did not return", stuck.Message, StringComparison.Ordinal);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        PluginCallResult? after;
        do
        {
            await Task.Delay(50);
            after = await host.InvokeAsync("backtrack", PluginHooks.OnMessage, new JsonObject());
        }
        while (!after!.Ok && DateTime.UtcNow < deadline);

        Assert.Equal("fine", after.Value!.GetValue<string>());
    }

    [Fact]
    public async Task Disable_and_enable_switch_a_plugin_off_and_on()
    {
        _folders.WriteHook("toggle", "return 'on'");
        using var host = _folders.CreateHost();
        await host.LoadAllAsync();

        Assert.Equal(PluginStatus.Disabled, (await host.SetEnabledAsync("toggle", false))!.Status);
        var refused = await host.InvokeAsync("toggle", PluginHooks.OnMessage, null);
        Assert.Equal(PluginErrorCode.NotLoaded, refused!.Error);
        Assert.Empty(await host.DispatchAsync(PluginHooks.OnMessage, null));

        Assert.Equal(PluginStatus.Loaded, (await host.SetEnabledAsync("toggle", true))!.Status);
        Assert.Equal("on", (await host.InvokeAsync("toggle", PluginHooks.OnMessage, null))!.Value!.GetValue<string>());
        Assert.Null(await host.SetEnabledAsync("nobody", true));
        Assert.Null(await host.InvokeAsync("nobody", PluginHooks.OnMessage, null));
    }

    [Fact]
    public async Task Saved_choices_apply_before_loading_and_to_a_plugin_added_later()
    {
        _folders.WriteHook("kept_off", "return 'should not answer'");
        _folders.WriteHook("kept_on", "return 'on'");
        using var host = _folders.CreateHost();
        host.ApplySavedStates(new Dictionary<string, bool> { ["kept_off"] = false, ["kept_on"] = true, ["arrives_later"] = false });
        await host.LoadAllAsync();

        Assert.Equal(PluginStatus.Disabled, host.Get("kept_off")!.Status);
        Assert.Equal(PluginStatus.Loaded, host.Get("kept_on")!.Status);
        Assert.Equal(["kept_on"], (await host.DispatchAsync(PluginHooks.OnMessage, null)).Select(r => r.PluginId));

        _folders.WriteHook("arrives_later", "return 'late'");
        Assert.Equal(PluginStatus.Disabled, (await host.ReloadAsync("arrives_later"))!.Status);
    }

    [Fact]
    public async Task Dispatch_goes_by_priority_and_the_first_reply_wins_for_on_message()
    {
        _folders.WriteHook("low", "return 'low'", priority: 1);
        _folders.WriteHook("silent", "return nil", priority: 9);
        _folders.WriteHook("high", "return 'high'", priority: 5);
        _folders.WriteHook("broken", "error('nope')", priority: 7);
        using var host = _folders.CreateHost();
        await host.LoadAllAsync();

        var results = await host.DispatchAsync(PluginHooks.OnMessage, new JsonObject { ["text"] = "hi" });

        Assert.Equal(["silent", "broken", "high"], results.Select(r => r.PluginId));
        Assert.Equal(PluginErrorCode.RuntimeError, results[1].Result.Error);
        Assert.Equal("high", results[2].Result.Value!.GetValue<string>());
        Assert.Equal(0, host.Get("low")!.Statistics.Calls);
    }

    [Fact]
    public async Task Reload_picks_up_new_code_for_one_plugin_only()
    {
        _folders.WriteHook("changing", "return 'v1'");
        _folders.WriteHook("steady", "n = (n or 0) + 1 return { n = n }");
        using var host = _folders.CreateHost();
        await host.LoadAllAsync();
        await host.InvokeAsync("steady", PluginHooks.OnMessage, null);

        _folders.WriteHook("changing", "return 'v2'");
        Assert.Equal(PluginStatus.Loaded, (await host.ReloadAsync("changing"))!.Status);

        Assert.Equal("v2", (await host.InvokeAsync("changing", PluginHooks.OnMessage, null))!.Value!.GetValue<string>());
        // steady kept its state: it was not touched
        Assert.Equal(2, (await host.InvokeAsync("steady", PluginHooks.OnMessage, null))!.Value!["n"]!.GetValue<long>());

        _folders.Write("changing", null, "return {");
        var broken = await host.ReloadAsync("changing");
        Assert.Equal(PluginStatus.Failed, broken!.Status);
        Assert.Contains("syntax error", broken.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_callers_on_several_plugins_get_only_their_own_answers()
    {
        for (var p = 0; p < 4; p++)
        {
            _folders.WriteHook($"worker_{p}", $"seen = (seen or 0) + 1 local s = 0 for i = 1, 2000 do s = s + i end return {{ plugin = {p}, echo = args.n, sum = s }}");
        }

        using var host = _folders.CreateHost();
        await host.LoadAllAsync();

        var calls = Enumerable.Range(0, 400).Select(async i =>
        {
            await Task.Yield();
            var plugin = i % 4;
            var result = await host.InvokeAsync($"worker_{plugin}", PluginHooks.OnMessage, new JsonObject { ["n"] = i });
            Assert.True(result!.Ok, result.Message);
            Assert.Equal(plugin, result.Value!["plugin"]!.GetValue<long>());
            Assert.Equal(i, result.Value["echo"]!.GetValue<long>());
            Assert.Equal(2001000, result.Value["sum"]!.GetValue<long>());
        });
        await Task.WhenAll(calls);

        Assert.All(Enumerable.Range(0, 4), p => Assert.Equal(100, host.Get($"worker_{p}")!.Statistics.Calls));
    }

    [Fact]
    public async Task Reloading_under_load_fails_no_call_on_the_other_plugins()
    {
        _folders.WriteHook("busy_a", "return 'a'");
        _folders.WriteHook("busy_b", "return 'b'");
        _folders.WriteHook("reloaded", "return 'r'");
        using var host = _folders.CreateHost();
        await host.LoadAllAsync();

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var failures = 0;
        var calls = 0;
        var load = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var id = w % 2 == 0 ? "busy_a" : "busy_b";
            while (!stop.IsCancellationRequested)
            {
                var result = await host.InvokeAsync(id, PluginHooks.OnMessage, null);
                Interlocked.Increment(ref calls);
                if (result is not { Ok: true })
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();

        var reloads = 0;
        while (!stop.IsCancellationRequested)
        {
            _folders.WriteHook("reloaded", $"return 'r{reloads}'");
            Assert.Equal(PluginStatus.Loaded, (await host.ReloadAsync("reloaded"))!.Status);
            reloads++;
        }

        await Task.WhenAll(load);
        Assert.True(reloads > 5, $"only {reloads} reloads");
        Assert.True(calls > 100, $"only {calls} calls");
        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task A_plugin_dropped_into_the_folder_shows_up_and_a_broken_one_shows_its_error()
    {
        using var host = _folders.CreateHost();
        var watcher = new Jarvis.Plugins.Infrastructure.Hosting.PluginDirectoryWatcher(host,
            Microsoft.Extensions.Options.Options.Create(new PluginsOptions { Directory = _folders.Root }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Jarvis.Plugins.Infrastructure.Hosting.PluginDirectoryWatcher>.Instance);
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await WaitFor(() => host.List().Count == 0);
            _folders.WriteHook("dropped", "return 'here'");
            _folders.Write("dropped_bad", PluginFolders.Manifest("dropped_bad"), "return {");

            // files appear in steps (created, then written): wait for the state after the last write
            await WaitFor(() => host.Get("dropped")?.Status == PluginStatus.Loaded && host.Get("dropped_bad")?.Status == PluginStatus.Failed &&
                                 host.Get("dropped_bad")!.Error!.Contains("syntax error", StringComparison.Ordinal));
            Assert.Equal("here", (await host.InvokeAsync("dropped", PluginHooks.OnMessage, null))!.Value!.GetValue<string>());
            Assert.Contains("syntax error", host.Get("dropped_bad")!.Error, StringComparison.Ordinal);

            _folders.WriteHook("dropped", "return 'changed'");
            await WaitFor(async () => (await host.InvokeAsync("dropped", PluginHooks.OnMessage, null))?.Value?.GetValue<string>() == "changed");
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
            watcher.Dispose();
        }
    }

    private static Task WaitFor(Func<bool> condition) => WaitFor(() => Task.FromResult(condition()));

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 15 s");
            await Task.Delay(50);
        }
    }

    public void Dispose() => _folders.Dispose();
}
