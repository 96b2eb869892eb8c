using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jarvis.ServiceDefaults.Validation;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// The host functions behind <c>jarvis.*</c>. Each answers <c>true, values...</c> or
/// <c>false, message</c> and never raises: the Lua wrapper in sandbox.lua raises, so no error
/// longjmps through these managed frames. While one runs, allocations are never refused.
/// </summary>
internal sealed unsafe partial class LuaSandbox
{
    private const int MaxKeyBytes = 128;
    private const int MaxLogBytes = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private delegate int HostBody(LuaSandbox sandbox, IntPtr l);

    private static int Host(IntPtr l, HostBody body)
    {
        var control = (LuaControl*)*LuaNative.ExtraSpace(l);
        control->HostDepth++;
        try
        {
            if (LuaNative.lua_checkstack(l, 8) == 0)
            {
                return 0;
            }

            try
            {
                var sandbox = (LuaSandbox)GCHandle.FromIntPtr(control->Owner).Target!;
                var results = body(sandbox, l);
                LuaNative.lua_pushboolean(l, 1);
                LuaNative.lua_rotate(l, -(results + 1), 1);
                return results + 1;
            }
            catch (Exception e) when (e is HostApiException or LuaValueException or JsonException)
            {
                return Refuse(l, e.Message);
            }
            catch (Exception e)
            {
                // Never let an exception reach native code; the plugin sees a generic failure, the log the cause.
                try
                {
                    var sandbox = (LuaSandbox)GCHandle.FromIntPtr(control->Owner).Target!;
                    sandbox._api.Log("host-error", e.ToString());
                }
                catch (Exception)
                {
                }

                return Refuse(l, "internal error in the host");
            }
        }
        finally
        {
            control->HostDepth--;
        }
    }

    private static int Refuse(IntPtr l, string message)
    {
        LuaNative.lua_pushboolean(l, 0);
        LuaJsonWriter.PushString(l, message);
        return 2;
    }

    private static string Text(IntPtr l, int index, string what, int maxBytes)
    {
        if (LuaNative.lua_type(l, index) != LuaNative.TypeString)
        {
            throw new HostApiException($"{what} must be a string");
        }

        var bytes = LuaNative.ToBytes(l, index);
        if (bytes.Length > maxBytes)
        {
            throw new HostApiException($"{what} is longer than {maxBytes} bytes");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new HostApiException($"{what} is not valid UTF-8");
        }
    }

    private static string Key(IntPtr l)
    {
        var key = Text(l, 1, "the key", MaxKeyBytes);
        if (key.Length == 0)
        {
            throw new HostApiException("the key must not be empty");
        }

        // A Lua string may hold "\0", which PostgreSQL refuses in text (22021); the value is JSON, where it is escaped.
        return StorableText.Refusal(key) is { } refusal ? throw new HostApiException($"the key {refusal}") : key;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostCheckSource(IntPtr l) => Host(l, static (_, l) =>
    {
        if (LuaNative.lua_type(l, 1) != LuaNative.TypeString)
        {
            throw new HostApiException("the chunk must be a string");
        }

        var problem = LuaSourceCheck.FindForbidden(LuaNative.ToBytes(l, 1));
        return problem is null ? 0 : throw new HostApiException(problem);
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostLog(IntPtr l) => Host(l, static (sandbox, l) =>
    {
        var message = Text(l, 1, "the message", MaxLogBytes);
        var level = LuaNative.lua_type(l, 2) <= LuaNative.TypeNil ? "info" : Text(l, 2, "the level", 16);
        if (level is not ("debug" or "info" or "warn" or "error"))
        {
            throw new HostApiException("the level must be debug, info, warn or error");
        }

        sandbox._api.Log(level, message);
        return 0;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostJsonEncode(IntPtr l) => Host(l, static (_, l) =>
    {
        var node = LuaJsonReader.Default.Read(l, 1);
        LuaJsonWriter.PushString(l, node?.ToJsonString() ?? "null");
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostJsonDecode(IntPtr l) => Host(l, static (_, l) =>
    {
        var text = Text(l, 1, "the JSON text", 4 * 1024 * 1024);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = LuaJsonWriter.MaxDepth });
        }
        catch (JsonException e)
        {
            throw new HostApiException("invalid JSON: " + e.Message);
        }

        LuaJsonWriter.Push(l, node);
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostKvGet(IntPtr l) => Host(l, static (sandbox, l) =>
    {
        LuaJsonWriter.Push(l, sandbox._api.KvGet(Key(l)));
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostKvSet(IntPtr l) => Host(l, static (sandbox, l) =>
    {
        var key = Key(l);
        var value = LuaJsonReader.Default.Read(l, 2);
        sandbox._api.KvSet(key, value);
        return 0;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostKvDelete(IntPtr l) => Host(l, static (sandbox, l) =>
    {
        LuaNative.lua_pushboolean(l, sandbox._api.KvDelete(Key(l)) ? 1 : 0);
        return 1;
    });

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int HostMqttPublish(IntPtr l) => Host(l, static (sandbox, l) =>
    {
        var topic = Text(l, 1, "the topic", 256);
        if (!sandbox.Manifest.MqttTopics.Any(filter => Model.MqttTopicFilter.Matches(filter, topic)))
        {
            throw new HostApiException($"topic '{topic}' is not among the manifest's mqttTopics");
        }

        var payload = LuaNative.lua_type(l, 2) == LuaNative.TypeString
            ? Text(l, 2, "the payload", 256 * 1024)
            : LuaJsonReader.Default.Read(l, 2)?.ToJsonString() ?? "null";
        LuaJsonWriter.PushString(l, sandbox._api.MqttPublish(topic, payload, sandbox.RemainingBudget));
        return 1;
    });
}
