namespace Jarvis.Plugins.Model;

/// <summary>Why a call failed; the <c>code</c> of the problem details document.</summary>
public enum PluginErrorCode
{
    Timeout,
    MemoryLimit,
    RuntimeError,
    NotLoaded,
    NoSuchHook,
    InvalidResult,
}
