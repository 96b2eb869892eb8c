using System.Runtime.InteropServices;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// The few Lua 5.4 C functions the sandbox calls, bound directly to KeraLua's native liblua54
/// so that callbacks are unmanaged function pointers (no delegates to keep alive) and
/// <c>lua_isyieldable</c>, which KeraLua does not wrap, is reachable.
/// </summary>
internal static unsafe partial class LuaNative
{
    private const string Library = "lua54";

    public const int LuaOk = 0;
    public const int LuaYield = 1;
    public const int LuaErrRun = 2;
    public const int LuaErrSyntax = 3;
    public const int LuaErrMem = 4;
    public const int LuaErrErr = 5;

    public const int TypeNil = 0;
    public const int TypeBoolean = 1;
    public const int TypeLightUserData = 2;
    public const int TypeNumber = 3;
    public const int TypeString = 4;
    public const int TypeTable = 5;
    public const int TypeFunction = 6;
    public const int TypeUserData = 7;
    public const int TypeThread = 8;

    public const int RegistryIndex = -1001000;
    public const int MaskCount = 1 << 3;
    public const int GcCount = 3;
    public const int GcCountB = 4;

    [LibraryImport(Library)]
    public static partial IntPtr lua_newstate(delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, IntPtr> alloc, IntPtr ud);

    [LibraryImport(Library)]
    public static partial void lua_close(IntPtr l);

    [LibraryImport(Library)]
    public static partial IntPtr lua_newthread(IntPtr l);

    [LibraryImport(Library)]
    public static partial int lua_resume(IntPtr l, IntPtr from, int nargs, out int nresults);

    [LibraryImport(Library)]
    public static partial int lua_status(IntPtr l);

    [LibraryImport(Library)]
    public static partial int lua_isyieldable(IntPtr l);

    [LibraryImport(Library)]
    public static partial int lua_yieldk(IntPtr l, int nresults, IntPtr ctx, IntPtr k);

    [LibraryImport(Library)]
    public static partial void lua_sethook(IntPtr l, delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> hook, int mask, int count);

    [LibraryImport(Library)]
    public static partial int lua_gettop(IntPtr l);

    [LibraryImport(Library)]
    public static partial void lua_settop(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial void lua_pushvalue(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial void lua_rotate(IntPtr l, int index, int n);

    [LibraryImport(Library)]
    public static partial void lua_xmove(IntPtr from, IntPtr to, int n);

    [LibraryImport(Library)]
    public static partial int lua_checkstack(IntPtr l, int n);

    [LibraryImport(Library)]
    public static partial int lua_type(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial int lua_toboolean(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial double lua_tonumberx(IntPtr l, int index, out int isnum);

    [LibraryImport(Library)]
    public static partial long lua_tointegerx(IntPtr l, int index, out int isnum);

    [LibraryImport(Library)]
    public static partial int lua_isinteger(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial IntPtr lua_tolstring(IntPtr l, int index, out nuint length);

    [LibraryImport(Library)]
    public static partial ulong lua_rawlen(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial IntPtr lua_topointer(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial int lua_next(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial int lua_rawget(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial int lua_rawgeti(IntPtr l, int index, long n);

    [LibraryImport(Library)]
    public static partial void lua_rawset(IntPtr l, int index);

    [LibraryImport(Library)]
    public static partial void lua_rawseti(IntPtr l, int index, long n);

    [LibraryImport(Library)]
    public static partial void lua_createtable(IntPtr l, int narr, int nrec);

    [LibraryImport(Library)]
    public static partial void lua_pushnil(IntPtr l);

    [LibraryImport(Library)]
    public static partial void lua_pushboolean(IntPtr l, int b);

    [LibraryImport(Library)]
    public static partial void lua_pushinteger(IntPtr l, long n);

    [LibraryImport(Library)]
    public static partial void lua_pushnumber(IntPtr l, double n);

    [LibraryImport(Library)]
    public static partial IntPtr lua_pushlstring(IntPtr l, byte* s, nuint length);

    [LibraryImport(Library)]
    public static partial void lua_pushcclosure(IntPtr l, delegate* unmanaged[Cdecl]<IntPtr, int> fn, int n);

    [LibraryImport(Library)]
    public static partial int lua_pcallk(IntPtr l, int nargs, int nresults, int msgh, IntPtr ctx, IntPtr k);

    [LibraryImport(Library)]
    public static partial int luaL_loadbufferx(IntPtr l, byte* buffer, nuint size, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string mode);

    [LibraryImport(Library)]
    public static partial void luaL_requiref(IntPtr l, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, IntPtr openf, int glb);

    [LibraryImport(Library)]
    public static partial int luaL_ref(IntPtr l, int t);

    [LibraryImport(Library)]
    public static partial int lua_gc(IntPtr l, int what, int arg);

    public static void Pop(IntPtr l, int n) => lua_settop(l, -n - 1);

    /// <summary>Lua's per-thread extra space (LUA_EXTRASPACE = a pointer), copied into every new thread.</summary>
    public static IntPtr* ExtraSpace(IntPtr l) => (IntPtr*)((byte*)l - sizeof(IntPtr));

    public static void PushString(IntPtr l, ReadOnlySpan<byte> utf8)
    {
        fixed (byte* p = utf8)
        {
            lua_pushlstring(l, p, (nuint)utf8.Length);
        }
    }

    public static ReadOnlySpan<byte> ToBytes(IntPtr l, int index)
    {
        var p = lua_tolstring(l, index, out var length);
        return p == IntPtr.Zero ? default : new ReadOnlySpan<byte>((void*)p, checked((int)length));
    }

    public static IntPtr Export(string name) => NativeLibrary.GetExport(Handle.Value, name);

    private static readonly Lazy<IntPtr> Handle = new(() =>
        NativeLibrary.Load(Library, typeof(LuaNative).Assembly, DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories));
}
