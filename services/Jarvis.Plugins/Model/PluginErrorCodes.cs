namespace Jarvis.Plugins.Model;

public static class PluginErrorCodes
{
    public static string ToWire(this PluginErrorCode code) => code switch
    {
        PluginErrorCode.Timeout => "timeout",
        PluginErrorCode.MemoryLimit => "memory_limit",
        PluginErrorCode.RuntimeError => "runtime_error",
        PluginErrorCode.NotLoaded => "not_loaded",
        PluginErrorCode.NoSuchHook => "no_such_hook",
        PluginErrorCode.InvalidResult => "invalid_result",
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };
}
