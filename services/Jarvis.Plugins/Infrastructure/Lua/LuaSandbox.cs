using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// One plugin's Lua state: its own allocator with a hard cap, a count hook enforcing the
/// execution budget, only the safe libraries and the granted host API. Not thread-safe: a
/// state is used by one thread at a time (the plugin's runner).
/// </summary>
internal sealed unsafe partial class LuaSandbox : IDisposable
{
    private static readonly byte[] Prelude = LoadPrelude();
    private static readonly string[] Libraries = ["_G", "coroutine", "table", "string", "math", "utf8", "os", "debug"];

    private readonly IPluginHostApi _api;
    private readonly Dictionary<string, int> _hooks = new(StringComparer.Ordinal);
    private readonly LuaControl* _control;
    private readonly GCHandle _self;
    private IntPtr _state;
    private IntPtr _thread;
    private int _threadRef;

    public LuaSandbox(PluginManifest manifest, long memoryLimitBytes, IPluginHostApi api)
    {
        Manifest = manifest;
        _api = api;
        _control = (LuaControl*)NativeMemory.AllocZeroed((nuint)sizeof(LuaControl));
        _control->Limit = memoryLimitBytes;
        _control->Deadline = long.MaxValue;
        _control->HostDepth = 1;
        _self = GCHandle.Alloc(this);
        _control->Owner = GCHandle.ToIntPtr(_self);
        _state = LuaNative.lua_newstate(LuaLimits.Allocator, (IntPtr)_control);
        if (_state == IntPtr.Zero)
        {
            throw new InvalidOperationException("Lua could not create a state.");
        }

        *LuaNative.ExtraSpace(_state) = (IntPtr)_control;
        OpenSandbox();
        LuaNative.lua_sethook(_state, LuaLimits.Hook, LuaNative.MaskCount, LuaLimits.HookInstructions);
        _thread = LuaNative.lua_newthread(_state);
        _threadRef = LuaNative.luaL_ref(_state, LuaNative.RegistryIndex);
        _control->HostDepth = 0;
    }

    public PluginManifest Manifest { get; }

    /// <summary>After a timeout or a refused allocation the state is not trusted again: the owner replaces it.</summary>
    public bool Poisoned { get; private set; }

    public long MemoryBytes => _control->Used;

    public long PeakMemoryBytes => _control->Peak;

    public IReadOnlyCollection<string> Hooks => _hooks.Keys;

    /// <summary>What is left of the running call's execution budget: a host function that waits (a publish) waits no longer.</summary>
    public TimeSpan RemainingBudget
    {
        get
        {
            var deadline = _control->Deadline;
            if (deadline == long.MaxValue)
            {
                return TimeSpan.MaxValue;
            }

            var left = deadline - Stopwatch.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / Stopwatch.Frequency);
        }
    }

    /// <summary>Runs main.lua's top level within the budget and checks that every declared hook is a function.</summary>
    public PluginCallResult Load(ReadOnlySpan<byte> source, string chunkName, TimeSpan budget)
    {
        if (source.Length > 0 && source[0] == 0x1B)
        {
            return PluginCallResult.Failure(PluginErrorCode.RuntimeError, "main.lua is precompiled bytecode; plugins ship Lua source");
        }

        if (LuaSourceCheck.FindForbidden(source) is { } forbidden)
        {
            return PluginCallResult.Failure(PluginErrorCode.RuntimeError, $"main.lua: {forbidden}");
        }

        var l = _thread;
        LuaNative.lua_settop(l, 0);
        int status;
        fixed (byte* p = source)
        {
            // Mode "t": a binary chunk is refused by Lua itself as well.
            status = LuaNative.luaL_loadbufferx(l, p, (nuint)source.Length, "=" + chunkName, "t");
        }

        if (status != LuaNative.LuaOk)
        {
            var message = ErrorText(l);
            Poisoned |= _control->StopReason != LuaStopReason.None;
            ReplaceThread();
            return PluginCallResult.Failure(status == LuaNative.LuaErrMem ? PluginErrorCode.MemoryLimit : PluginErrorCode.RuntimeError, $"syntax error: {message}");
        }

        var outcome = Resume(l, 0, budget, "main.lua");
        if (!outcome.Ok)
        {
            return outcome;
        }

        try
        {
            if (LuaNative.lua_gettop(l) < 1 || LuaNative.lua_type(l, 1) != LuaNative.TypeTable)
            {
                return PluginCallResult.Failure(PluginErrorCode.InvalidResult,
                    $"main.lua must return a table of hook functions (it returned {TypeName(LuaNative.lua_gettop(l) < 1 ? LuaNative.TypeNil : LuaNative.lua_type(l, 1))})");
            }

            foreach (var hook in Manifest.Hooks)
            {
                LuaJsonWriter.PushString(l, hook);
                var type = LuaNative.lua_rawget(l, 1);
                if (type != LuaNative.TypeFunction)
                {
                    return PluginCallResult.Failure(PluginErrorCode.NoSuchHook,
                        $"plugin.json declares hook '{hook}' but main.lua's table has no function for it (found {TypeName(type)})");
                }

                _hooks[hook] = LuaNative.luaL_ref(l, LuaNative.RegistryIndex);
            }

            return PluginCallResult.Success(null);
        }
        finally
        {
            LuaNative.lua_settop(l, 0);
            _control->HostDepth--;
        }
    }

    /// <summary>Calls a hook with JSON arguments; the result is a table, a string or nil, read without metamethods.</summary>
    public PluginCallResult Call(string hook, JsonNode? args, TimeSpan budget)
    {
        if (Poisoned)
        {
            return PluginCallResult.Failure(PluginErrorCode.NotLoaded, "the plugin's state was stopped and is being replaced");
        }

        if (!_hooks.TryGetValue(hook, out var reference))
        {
            return PluginCallResult.Failure(PluginErrorCode.NoSuchHook, $"the plugin does not implement '{hook}'");
        }

        var l = _thread;
        _control->HostDepth++;
        try
        {
            LuaNative.lua_settop(l, 0);
            _ = LuaNative.lua_rawgeti(l, LuaNative.RegistryIndex, reference);
            if (args is null)
            {
                // a hook always takes a table: no arguments is an empty one
                LuaNative.lua_createtable(l, 0, 0);
            }
            else
            {
                LuaJsonWriter.Push(l, args);
            }
        }
        catch (LuaValueException e)
        {
            LuaNative.lua_settop(l, 0);
            return PluginCallResult.Failure(PluginErrorCode.InvalidResult, $"the arguments cannot be given to Lua: {e.Message}");
        }
        finally
        {
            _control->HostDepth--;
        }

        var outcome = Resume(l, 1, budget, hook);
        if (!outcome.Ok)
        {
            return outcome;
        }

        try
        {
            if (LuaNative.lua_gettop(l) == 0)
            {
                return PluginCallResult.Success(null);
            }

            var type = LuaNative.lua_type(l, 1);
            if (type is not (LuaNative.TypeNil or LuaNative.TypeString or LuaNative.TypeTable))
            {
                return PluginCallResult.Failure(PluginErrorCode.InvalidResult, $"'{hook}' must return a table, a string or nil, not {TypeName(type)}");
            }

            return PluginCallResult.Success(LuaJsonReader.Default.Read(l, 1));
        }
        catch (LuaValueException e)
        {
            return PluginCallResult.Failure(PluginErrorCode.InvalidResult, $"'{hook}' returned a value that is not JSON: {e.Message}");
        }
        finally
        {
            LuaNative.lua_settop(l, 0);
            _control->HostDepth--;
        }
    }

    /// <summary>Runs the function and arguments on the call thread; on success the host holds HostDepth+1 and must release it.</summary>
    private PluginCallResult Resume(IntPtr l, int nargs, TimeSpan budget, string what)
    {
        _control->StopReason = LuaStopReason.None;
        _control->Deadline = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        var status = LuaNative.lua_resume(l, _state, nargs, out _);
        _control->Deadline = long.MaxValue;
        _control->HostDepth++;
        var stop = _control->StopReason;
        if (stop != LuaStopReason.None)
        {
            Poisoned = true;
            _control->HostDepth--;
            return stop == LuaStopReason.Timeout
                ? PluginCallResult.Failure(PluginErrorCode.Timeout, $"{what} exceeded its execution budget of {budget.TotalMilliseconds:0} ms")
                : PluginCallResult.Failure(PluginErrorCode.MemoryLimit, $"{what} exceeded the memory limit of {_control->Limit / (1024 * 1024)} MiB");
        }

        if (status == LuaNative.LuaOk)
        {
            return PluginCallResult.Success(null);
        }

        var message = status == LuaNative.LuaYield ? $"{what} yielded outside a coroutine" : ErrorText(l);
        ReplaceThread();
        _control->HostDepth--;
        return PluginCallResult.Failure(PluginErrorCode.RuntimeError, message);
    }

    /// <summary>The error object as text without running its __tostring.</summary>
    private static string ErrorText(IntPtr l)
    {
        if (LuaNative.lua_gettop(l) == 0)
        {
            return "unknown error";
        }

        var type = LuaNative.lua_type(l, -1);
        if (type != LuaNative.TypeString)
        {
            return $"(error object is {TypeName(type)})";
        }

        var bytes = LuaNative.ToBytes(l, -1);
        var text = Encoding.UTF8.GetString(bytes.Length > 2000 ? bytes[..2000] : bytes);
        return text;
    }

    private void ReplaceThread()
    {
        // A thread that raised an error cannot run again; a fresh one takes its registry slot.
        _control->HostDepth++;
        _thread = LuaNative.lua_newthread(_state);
        LuaNative.lua_rawseti(_state, LuaNative.RegistryIndex, _threadRef);
        _control->HostDepth--;
    }

    private static string TypeName(int type) => type switch
    {
        LuaNative.TypeNil => "nil",
        LuaNative.TypeBoolean => "a boolean",
        LuaNative.TypeNumber => "a number",
        LuaNative.TypeString => "a string",
        LuaNative.TypeTable => "a table",
        LuaNative.TypeFunction => "a function",
        LuaNative.TypeThread => "a coroutine",
        _ => "a userdata",
    };

    private void OpenSandbox()
    {
        var l = _state;
        foreach (var name in Libraries)
        {
            var open = LuaNative.Export(name == "_G" ? "luaopen_base" : name == "utf8" ? "luaopen_utf8" : "luaopen_" + name);
            LuaNative.luaL_requiref(l, name, open, 1);
            LuaNative.Pop(l, 1);
        }

        fixed (byte* p = Prelude)
        {
            if (LuaNative.luaL_loadbufferx(l, p, (nuint)Prelude.Length, "=sandbox", "t") != LuaNative.LuaOk)
            {
                throw new InvalidOperationException("The sandbox prelude does not compile: " + ErrorText(l));
            }
        }

        LuaNative.lua_createtable(l, 0, 8);
        SetFunction(l, "check_source", &HostCheckSource);
        SetFunction(l, "log", &HostLog);
        SetFunction(l, "json_encode", &HostJsonEncode);
        SetFunction(l, "json_decode", &HostJsonDecode);
        SetFunction(l, "kv_get", &HostKvGet);
        SetFunction(l, "kv_set", &HostKvSet);
        SetFunction(l, "kv_delete", &HostKvDelete);
        SetFunction(l, "mqtt_publish", &HostMqttPublish);
        LuaNative.lua_createtable(l, 0, Manifest.Permissions.Count);
        foreach (var permission in Manifest.Permissions)
        {
            LuaJsonWriter.PushString(l, permission);
            LuaNative.lua_pushboolean(l, 1);
            LuaNative.lua_rawset(l, -3);
        }

        if (LuaNative.lua_pcallk(l, 2, 0, 0, IntPtr.Zero, IntPtr.Zero) != LuaNative.LuaOk)
        {
            throw new InvalidOperationException("The sandbox prelude failed: " + ErrorText(l));
        }

        LuaNative.lua_settop(l, 0);
    }

    private static void SetFunction(IntPtr l, string name, delegate* unmanaged[Cdecl]<IntPtr, int> fn)
    {
        LuaJsonWriter.PushString(l, name);
        LuaNative.lua_pushcclosure(l, fn, 0);
        LuaNative.lua_rawset(l, -3);
    }

    private static byte[] LoadPrelude()
    {
        using var stream = typeof(LuaSandbox).Assembly.GetManifestResourceStream("Jarvis.Plugins.sandbox.lua")
            ?? throw new InvalidOperationException("The sandbox prelude is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    public void Dispose()
    {
        if (_state != IntPtr.Zero)
        {
            _control->HostDepth = 1;
            LuaNative.lua_close(_state);
            _state = IntPtr.Zero;
            _self.Free();
            NativeMemory.Free(_control);
        }
    }
}
