using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>Pushes JSON onto a Lua stack: objects become string-keyed tables, arrays sequences, null nil.</summary>
internal static class LuaJsonWriter
{
    public const int MaxDepth = 64;

    public static void Push(IntPtr l, JsonNode? node, int depth = 0)
    {
        if (depth > MaxDepth || LuaNative.lua_checkstack(l, 3) == 0)
        {
            throw new LuaValueException($"the JSON is nested deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case null:
                LuaNative.lua_pushnil(l);
                break;
            case JsonObject obj:
                LuaNative.lua_createtable(l, 0, obj.Count);
                foreach (var (key, value) in obj)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    PushString(l, key);
                    Push(l, value, depth + 1);
                    LuaNative.lua_rawset(l, -3);
                }

                break;
            case JsonArray array:
                LuaNative.lua_createtable(l, array.Count, 0);
                for (var i = 0; i < array.Count; i++)
                {
                    Push(l, array[i], depth + 1);
                    LuaNative.lua_rawseti(l, -2, i + 1);
                }

                break;
            case JsonValue value:
                PushValue(l, value);
                break;
            default:
                throw new LuaValueException("unsupported JSON node");
        }
    }

    public static void PushString(IntPtr l, string s)
    {
        var max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(s, buffer);
            LuaNative.PushString(l, buffer[..n]);
        }
        else
        {
            LuaNative.PushString(l, Encoding.UTF8.GetBytes(s));
        }
    }

    private static void PushValue(IntPtr l, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                PushString(l, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                LuaNative.lua_pushboolean(l, 1);
                break;
            case JsonValueKind.False:
                LuaNative.lua_pushboolean(l, 0);
                break;
            case JsonValueKind.Number:
                if (value.TryGetValue<long>(out var integer))
                {
                    LuaNative.lua_pushinteger(l, integer);
                }
                else if (value.TryGetValue<JsonElement>(out var element) && element.TryGetInt64(out integer))
                {
                    LuaNative.lua_pushinteger(l, integer);
                }
                else if (value.TryGetValue<int>(out var small))
                {
                    LuaNative.lua_pushinteger(l, small);
                }
                else
                {
                    LuaNative.lua_pushnumber(l, value.GetValue<double>());
                }

                break;
            default:
                LuaNative.lua_pushnil(l);
                break;
        }
    }
}
