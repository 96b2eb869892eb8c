using System.Text;
using System.Text.Json.Nodes;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// Reads a Lua value as JSON with raw access only (no metamethod runs), within depth and size
/// limits. A table whose keys are exactly 1..n is an array; one with only string keys an object.
/// </summary>
internal sealed class LuaJsonReader(int maxDepth, int maxNodes, int maxStringBytes)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly HashSet<IntPtr> _path = [];
    private int _nodes;
    private long _bytes;

    public static LuaJsonReader Default => new(32, 100_000, 4 * 1024 * 1024);

    public JsonNode? Read(IntPtr l, int index)
    {
        _path.Clear();
        _nodes = 0;
        _bytes = 0;
        return ReadValue(l, LuaNativeIndex.Absolute(l, index), 0);
    }

    private JsonNode? ReadValue(IntPtr l, int index, int depth)
    {
        if (++_nodes > maxNodes)
        {
            throw new LuaValueException($"the value has more than {maxNodes} elements");
        }

        switch (LuaNative.lua_type(l, index))
        {
            case LuaNative.TypeNil:
                return null;
            case LuaNative.TypeBoolean:
                return JsonValue.Create(LuaNative.lua_toboolean(l, index) != 0);
            case LuaNative.TypeNumber:
                return ReadNumber(l, index);
            case LuaNative.TypeString:
                return JsonValue.Create(ReadString(l, index));
            case LuaNative.TypeTable:
                return ReadTable(l, index, depth);
            default:
                var type = LuaNative.lua_type(l, index) switch
                {
                    LuaNative.TypeFunction => "a function",
                    LuaNative.TypeThread => "a coroutine",
                    _ => "a userdata",
                };
                throw new LuaValueException($"{type} cannot be converted to JSON");
        }
    }

    private static JsonValue ReadNumber(IntPtr l, int index)
    {
        if (LuaNative.lua_isinteger(l, index) != 0)
        {
            return JsonValue.Create(LuaNative.lua_tointegerx(l, index, out _));
        }

        var value = LuaNative.lua_tonumberx(l, index, out _);
        if (double.IsNaN(value))
        {
            throw new LuaValueException("NaN cannot be converted to JSON");
        }

        if (double.IsInfinity(value))
        {
            throw new LuaValueException("an infinite number cannot be converted to JSON");
        }

        return JsonValue.Create(value);
    }

    private string ReadString(IntPtr l, int index)
    {
        var bytes = LuaNative.ToBytes(l, index);
        _bytes += bytes.Length;
        if (_bytes > maxStringBytes)
        {
            throw new LuaValueException($"the value holds more than {maxStringBytes} bytes of strings");
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new LuaValueException("a string is not valid UTF-8");
        }
    }

    private JsonNode ReadTable(IntPtr l, int index, int depth)
    {
        if (depth >= maxDepth)
        {
            throw new LuaValueException($"the value is nested deeper than {maxDepth} levels");
        }

        var pointer = LuaNative.lua_topointer(l, index);
        if (!_path.Add(pointer))
        {
            throw new LuaValueException("the value contains a cycle");
        }

        if (LuaNative.lua_checkstack(l, 4) == 0)
        {
            throw new LuaValueException("the Lua stack is exhausted");
        }

        var length = LuaNative.lua_rawlen(l, index);
        var count = 0UL;
        var stringKeys = 0;
        LuaNative.lua_pushnil(l);
        while (LuaNative.lua_next(l, index) != 0)
        {
            count++;
            var keyType = LuaNative.lua_type(l, -2);
            if (keyType == LuaNative.TypeString)
            {
                stringKeys++;
            }
            else if (keyType != LuaNative.TypeNumber || LuaNative.lua_isinteger(l, -2) == 0 ||
                     LuaNative.lua_tointegerx(l, -2, out _) is var k && (k < 1 || (ulong)k > length))
            {
                LuaNative.Pop(l, 2);
                throw new LuaValueException("a table key must be a string or an array index 1..n");
            }

            LuaNative.Pop(l, 1);
        }

        JsonNode result;
        if (stringKeys == 0 && count > 0)
        {
            if (count != length)
            {
                throw new LuaValueException("an array has holes");
            }

            var array = new JsonArray();
            for (var i = 1L; i <= (long)length; i++)
            {
                _ = LuaNative.lua_rawgeti(l, index, i);
                try
                {
                    array.Add(ReadValue(l, LuaNative.lua_gettop(l), depth + 1));
                }
                finally
                {
                    LuaNative.Pop(l, 1);
                }
            }

            result = array;
        }
        else
        {
            if ((ulong)stringKeys != count)
            {
                throw new LuaValueException("a table mixes array indexes and string keys");
            }

            var obj = new JsonObject();
            LuaNative.lua_pushnil(l);
            while (LuaNative.lua_next(l, index) != 0)
            {
                try
                {
                    var key = ReadString(l, -2);
                    obj[key] = ReadValue(l, LuaNative.lua_gettop(l), depth + 1);
                }
                catch
                {
                    LuaNative.Pop(l, 2);
                    throw;
                }

                LuaNative.Pop(l, 1);
            }

            result = obj;
        }

        _path.Remove(pointer);
        return result;
    }
}
