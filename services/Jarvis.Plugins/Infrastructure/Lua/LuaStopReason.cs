namespace Jarvis.Plugins.Infrastructure.Lua;

/// <summary>Why the hook or the allocator asked the running call to stop.</summary>
internal static class LuaStopReason
{
    public const int None = 0;
    public const int Timeout = 1;
    public const int Memory = 2;
}
