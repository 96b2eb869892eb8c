namespace Jarvis.Plugins.Infrastructure.Lua;

internal static class LuaNativeIndex
{
    /// <summary>A stack index that stays valid while values are pushed.</summary>
    public static int Absolute(IntPtr l, int index) =>
        index > 0 || index <= LuaNative.RegistryIndex ? index : LuaNative.lua_gettop(l) + index + 1;
}
