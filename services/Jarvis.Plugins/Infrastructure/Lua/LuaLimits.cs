using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// The allocator that caps a state's memory and the count hook that enforces the budget.
/// Neither raises a Lua error from managed code (that would longjmp across .NET frames): the
/// allocator returns NULL and Lua raises the memory error in C; the hook only yields, which
/// Lua 5.4 performs after the hook has returned.
/// </summary>
internal static unsafe class LuaLimits
{
    /// <summary>Instructions between two budget checks: ~10 µs of Lua, so the kill lands well within a millisecond.</summary>
    public const int HookInstructions = 1000;

    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, nuint, nuint, IntPtr> Allocator => &Allocate;

    public static delegate* unmanaged[Cdecl]<IntPtr, IntPtr, void> Hook => &OnCount;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Allocate(IntPtr ud, IntPtr ptr, nuint osize, nuint nsize)
    {
        var control = (LuaControl*)ud;
        var old = ptr == IntPtr.Zero ? 0L : (long)osize;
        if (nsize == 0)
        {
            NativeMemory.Free((void*)ptr);
            control->Used -= old;
            return IntPtr.Zero;
        }

        var delta = (long)nsize - old;
        if (delta > 0 && control->HostDepth == 0 &&
            (control->Used + delta > control->Limit || control->StopReason != LuaStopReason.None))
        {
            // Refusing makes Lua raise "not enough memory" from C; after a stop every allocation fails so the plugin winds down.
            if (control->StopReason == LuaStopReason.None)
            {
                control->StopReason = LuaStopReason.Memory;
            }

            return IntPtr.Zero;
        }

        var result = NativeMemory.Realloc((void*)ptr, nsize);
        if (result == null)
        {
            return IntPtr.Zero;
        }

        control->Used += delta;
        if (control->Used > control->Peak)
        {
            control->Peak = control->Used;
        }

        return (IntPtr)result;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnCount(IntPtr l, IntPtr ar)
    {
        var control = (LuaControl*)*LuaNative.ExtraSpace(l);
        if (control->StopReason == LuaStopReason.None)
        {
            if (Stopwatch.GetTimestamp() < control->Deadline)
            {
                return;
            }

            control->StopReason = LuaStopReason.Timeout;
        }

        // Yield only where Lua can: the sandbox removes every C-to-Lua callback path, so this is every place plugin code runs.
        if (LuaNative.lua_isyieldable(l) != 0)
        {
            _ = LuaNative.lua_yieldk(l, 0, IntPtr.Zero, IntPtr.Zero);
        }
    }
}
