using System.Diagnostics;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Tests.Infrastructure.Lua;

/// <summary>
/// Plugins that try to escape the budget, the memory cap or the sandbox. Each case asserts the
/// exact outcome, and that a fresh plugin state still serves afterwards.
/// </summary>
public sealed class HostilePluginTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// For cases that must end on the memory cap or the stack, not on time: a budget no loaded machine reaches first,
    /// so the timeout never wins the race (the cap is reached in milliseconds on an idle one).
    /// </summary>
    private static readonly TimeSpan NotOnTime = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Escapes => new()
    {
        { "infinite loop", "while true do end" },
        { "loop inside pcall in a loop", "while true do pcall(function() while true do end end) end" },
        { "loop in a coroutine", "local co = coroutine.create(function() while true do end end) while true do coroutine.resume(co) end" },
        { "loop in a wrapped coroutine", "coroutine.wrap(function() while true do end end)()" },
        { "loop in a table.sort comparator", "local t = {} for i = 1, 100 do t[i] = i end table.sort(t, function(a, b) while true do end end)" },
        { "loop in a gsub callback", "string.gsub(string.rep('a', 10), 'a', function() while true do end end)" },
        { "loop in a gsub table's __index", "string.gsub('abc', '%w', setmetatable({}, { __index = function() while true do end end }))" },
        { "loop in an xpcall handler", "xpcall(function() error('x') end, function() while true do end end)" },
        { "loop in __tostring", "tostring(setmetatable({}, { __tostring = function() while true do end end }))" },
        { "loop in __tostring via string.format", "string.format('%s', setmetatable({}, { __tostring = function() while true do end end }))" },
        { "loop in __index via table.concat", "table.concat(setmetatable({}, { __len = function() return 3 end, __index = function() while true do end end }))" },
        { "loop in __index via ipairs", "for _ in ipairs(setmetatable({}, { __index = function() while true do end end })) do end" },
        { "loop in __index via table.unpack", "table.unpack(setmetatable({}, { __len = function() return 1 end, __index = function() while true do end end }))" },
        { "loop in a string arithmetic metamethod", "local x = '1' + setmetatable({}, { __add = function() while true do end end })" },
        { "loop in __lt while sorting", "local mt = { __lt = function() while true do end end } table.sort({ setmetatable({}, mt), setmetatable({}, mt) })" },
        { "loop in a load reader", "load(function() while true do end end)" },
        { "loop in os.time's table", "os.time(setmetatable({}, { __index = function() while true do end end }))" },
        { "loop in a loaded chunk", "load('while true do end')()" },
        { "loop in __pairs", "for _ in pairs(setmetatable({}, { __pairs = function() while true do end end })) do end" },
        { "loop in __concat", "local x = setmetatable({}, { __concat = function() while true do end end }) .. 'a'" },
        { "loop in __call via pcall", "pcall(setmetatable({}, { __call = function() while true do end end }))" },
        { "loop in __newindex via table.insert", "table.insert(setmetatable({}, { __newindex = function() while true do end end }), 1)" },
        { "loop in __eq", "local mt = { __eq = function() while true do end end } local b = setmetatable({}, mt) == setmetatable({}, mt)" },
        { "recursion of pcalls", "local function f() pcall(f) while true do end end f()" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Every_construct_is_stopped_by_the_budget(string name, string body)
    {
        using var sandbox = Sandboxes.WithHook(body);
        var watch = Stopwatch.StartNew();
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        watch.Stop();

        Assert.True(result.Error == PluginErrorCode.Timeout, $"{name}: {result.Error} {result.Message}");
        Assert.True(sandbox.Poisoned, name);
        Assert.InRange(watch.ElapsedMilliseconds, 90, 1000);
        AssertAnotherPluginServes();
    }

    public static TheoryData<string, string> MemoryBombs => new()
    {
        { "string.rep", "local s = string.rep('x', 64 * 1024 * 1024) return s" },
        { "doubling strings", "local s = 'x' while true do s = s .. s end" },
        { "table growth", "local t = {} local i = 1 while true do t[i] = i i = i + 1 end" },
        { "nested tables", "local t = {} while true do t = { t, t } end" },
        { "out of memory caught by pcall and retried", "while true do pcall(function() local t = {} for i = 1, 1e9 do t[i] = i end end) end" },
        { "out of memory caught by pcall and answered", "local ok = pcall(function() return string.rep('x', 20 * 1024 * 1024) end) return { ok = ok }" },
    };

    [Theory]
    [MemberData(nameof(MemoryBombs))]
    public void Every_memory_bomb_hits_the_cap(string name, string body)
    {
        using var sandbox = Sandboxes.WithHook(body, memoryBytes: 8 * 1024 * 1024);
        var result = sandbox.Call(PluginHooks.OnMessage, null, NotOnTime);

        Assert.True(result.Error == PluginErrorCode.MemoryLimit, $"{name}: {result.Error} {result.Message}");
        Assert.True(sandbox.Poisoned);
        Assert.True(sandbox.PeakMemoryBytes <= 8 * 1024 * 1024, $"peak {sandbox.PeakMemoryBytes}");
        AssertAnotherPluginServes();
    }

    [Fact]
    public void Deep_recursion_with_room_is_a_stack_overflow_and_the_state_keeps_serving()
    {
        using var sandbox = Sandboxes.WithHook("if args.deep then local function f(n) return 1 + f(n + 1) end return f(1) end return 'fine'", memoryBytes: 128L * 1024 * 1024);
        var result = sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("""{"deep":true}"""), NotOnTime);

        Assert.Equal(PluginErrorCode.RuntimeError, result.Error);
        Assert.Contains("stack overflow", result.Message, StringComparison.Ordinal);
        Assert.False(sandbox.Poisoned);
        Assert.Equal("fine", sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("{}"), Budget).Value!.GetValue<string>());
    }

    [Fact]
    public void Deep_recursion_under_a_small_cap_hits_the_memory_limit()
    {
        using var sandbox = Sandboxes.WithHook("local function f(n) return 1 + f(n + 1) end return f(1)", memoryBytes: 8 * 1024 * 1024);
        var result = sandbox.Call(PluginHooks.OnMessage, null, NotOnTime);

        Assert.Equal(PluginErrorCode.MemoryLimit, result.Error);
        Assert.True(sandbox.Poisoned);
        AssertAnotherPluginServes();
    }

    [Fact]
    public void Collectgarbage_allows_count_only()
    {
        using var sandbox = Sandboxes.WithHook("if args.stop then collectgarbage('stop') end return { kb = collectgarbage('count') }");
        var stop = sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("""{"stop":true}"""), Budget);
        Assert.Equal(PluginErrorCode.RuntimeError, stop.Error);
        Assert.Contains("only \"count\" is allowed", stop.Message, StringComparison.Ordinal);

        var count = sandbox.Call(PluginHooks.OnMessage, JsonNode.Parse("{}"), Budget);
        Assert.True(count.Value!["kb"]!.GetValue<double>() > 0);
    }

    public static TheoryData<string> Forbidden => new()
    {
        "io", "debug", "package", "require", "dofile", "loadfile", "print", "luanet", "import_type", "CLRPackage",
        "os.execute", "os.exit", "os.getenv", "os.remove", "os.rename", "os.tmpname", "os.setlocale", "string.dump",
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Forbidden_libraries_and_functions_do_not_exist(string path)
    {
        using var sandbox = Sandboxes.WithHook($"local ok, v = pcall(function() return {path} end) return {{ kind = type(ok and v or nil) }}");
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, result.Message);
        Assert.Equal("nil", result.Value!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Time_functions_of_os_remain()
    {
        using var sandbox = Sandboxes.WithHook("return { t = type(os.time()), c = type(os.clock()), d = os.date('!%Y', 0), diff = os.difftime(10, 4) }");
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"t":"number","c":"number","d":"1970","diff":6}"""), result.Value), result.Value!.ToJsonString());
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "binary chunk via load", "return load(string.char(27) .. 'Lua', 'x', 'b')" },
        { "binary chunk via load default mode", "return load(string.char(27) .. 'LuaT')" },
        { "to-be-closed variable via load", "return load('local x <close> = nil')" },
        { "__gc metamethod", "return pcall(setmetatable, {}, { __gc = function() end })" },
        { "string metatable", "return pcall(function() getmetatable('').__index = { upper = function() return 'pwned' end } end)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Escapes_through_the_loader_and_metatables_are_refused(string name, string body)
    {
        using var sandbox = Sandboxes.WithHook($"local a, b = (function() {body} end)() return {{ a = tostring(a), b = tostring(b) }}");
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, $"{name}: {result.Message}");
        Assert.True(result.Value!["a"]!.GetValue<string>() is "nil" or "false", $"{name}: {result.Value.ToJsonString()}");
    }

    [Fact]
    public void Tampering_with_the_string_table_does_not_reach_another_plugin()
    {
        using var evil = Sandboxes.WithHook("string.upper = function() return 'pwned' end; secret_global = 'evil' return ('abc'):upper()");
        using var victim = Sandboxes.WithHook("return { upper = ('abc'):upper(), global = tostring(secret_global), mt = tostring(getmetatable('')) }");

        Assert.Equal("pwned", evil.Call(PluginHooks.OnMessage, null, Budget).Value!.GetValue<string>());
        Sandboxes.AssertJson("""{"upper":"ABC","global":"nil","mt":"false"}""", victim.Call(PluginHooks.OnMessage, null, Budget).Value!);
    }

    [Fact]
    public void A_global_written_by_one_plugin_is_not_seen_by_another()
    {
        using var writer = Sandboxes.WithHook("shared = (shared or 0) + 1 _G.x = 'w' return { shared = shared }");
        using var reader = Sandboxes.WithHook("return { shared = tostring(shared), x = tostring(x) }");

        Assert.Equal(1, writer.Call(PluginHooks.OnMessage, null, Budget).Value!["shared"]!.GetValue<long>());
        Assert.Equal(2, writer.Call(PluginHooks.OnMessage, null, Budget).Value!["shared"]!.GetValue<long>());
        Sandboxes.AssertJson("""{"shared":"nil","x":"nil"}""", reader.Call(PluginHooks.OnMessage, null, Budget).Value!);
    }

    public static TheoryData<string, string, string> BadResults => new()
    {
        { "cycle", "local t = {} t.self = t return t", "cycle" },
        { "NaN", "return { x = 0/0 }", "NaN" },
        { "infinity", "return { x = math.huge }", "infinite" },
        { "function", "return { f = print or function() end }", "function" },
        { "huge depth", "local t = {} for i = 1, 100 do t = { t } end return t", "deeper than 32" },
        { "invalid UTF-8", "return { s = string.char(255, 254) }", "UTF-8" },
        { "a number instead of a table", "return 42", "table, a string or nil" },
        { "mixed keys", "return { 1, 2, x = 3 }", "mixes" },
        { "__index tricks are not followed", "return setmetatable({}, { __index = function() while true do end end, __pairs = function() while true do end end })", "" },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public void Results_that_are_not_json_are_invalid(string name, string body, string message)
    {
        using var sandbox = Sandboxes.WithHook(body);
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        if (message.Length == 0)
        {
            // raw access: an empty table with a hostile metatable is just {}
            Assert.True(result.Ok, $"{name}: {result.Message}");
            Assert.Equal("{}", result.Value!.ToJsonString());
            return;
        }

        Assert.True(result.Error == PluginErrorCode.InvalidResult, $"{name}: {result.Error} {result.Message}");
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.False(sandbox.Poisoned);
    }

    [Fact]
    public void An_error_object_is_reported_without_running_its_tostring()
    {
        using var sandbox = Sandboxes.WithHook("error(setmetatable({}, { __tostring = function() while true do end end }))");
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.Equal(PluginErrorCode.RuntimeError, result.Error);
        Assert.Equal("(error object is a table)", result.Message);
    }

    [Fact]
    public void Wrapped_library_functions_keep_their_meaning()
    {
        using var sandbox = Sandboxes.WithHook("""
            local t = { 5, 3, 9, 1 } table.sort(t, function(a, b) return a > b end)
            local g, n = string.gsub('hello world', '(%w+)', function(w) return w:upper() end)
            local g2 = string.gsub('a b', '%w', { a = 'x' })
            local obj = setmetatable({}, { __tostring = function() return 'OBJ' end })
            local proxy = setmetatable({}, { __index = function(_, i) if i <= 3 then return i * 10 end end, __len = function() return 3 end })
            local ok, msg = xpcall(function() error('boom', 0) end, function(m) return 'handled ' .. m end)
            local sum = 0 for _, v in ipairs(proxy) do sum = sum + v end
            return { t = t, g = g, n = n, g2 = g2, s = tostring(obj), f = string.format('%s-%d', obj, 7),
                     c = table.concat(proxy, ','), sum = sum, x = msg, a = '10' + 5, u = select('#', table.unpack(proxy)) }
            """);
        var result = sandbox.Call(PluginHooks.OnMessage, null, Budget);
        Assert.True(result.Ok, result.Message);
        Assert.Equal("""{"t":[9,5,3,1],"g":"HELLO WORLD","n":2,"g2":"x b","s":"OBJ","f":"OBJ-7","c":"10,20,30","sum":60,"x":"handled boom","a":15,"u":3}""",
            SortKeys(result.Value!));
    }

    private static string SortKeys(JsonNode node)
    {
        var obj = node.AsObject();
        var sorted = new JsonObject();
        foreach (var key in new[] { "t", "g", "n", "g2", "s", "f", "c", "sum", "x", "a", "u" })
        {
            sorted[key] = obj[key]?.DeepClone();
        }

        return sorted.ToJsonString();
    }

    private static void AssertAnotherPluginServes()
    {
        using var other = Sandboxes.WithHook("return { ok = true }");
        Sandboxes.AssertJson("""{"ok":true}""", other.Call(PluginHooks.OnMessage, null, Budget).Value!);
    }
}
