using System.Runtime.InteropServices;

namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>
/// Unmanaged state shared by a plugin's allocator and count hook: they run inside Lua, so they
/// touch only this block, never a managed object.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LuaControl
{
    /// <summary>Stopwatch timestamp after which the running call must stop.</summary>
    public long Deadline;
    public long Used;
    public long Limit;
    public long Peak;
    /// <summary>Above zero while the host itself drives the Lua API: its allocations are never refused, so no Lua error can start from a managed frame.</summary>
    public int HostDepth;
    public int StopReason;
    /// <summary>A GCHandle to the owning sandbox, for the host functions.</summary>
    public IntPtr Owner;
}
