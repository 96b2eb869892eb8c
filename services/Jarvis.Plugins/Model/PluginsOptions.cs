namespace Jarvis.Plugins.Model;

/// <summary>Configuration section <c>Plugins</c>, validated at start (<c>AddApplicationServices</c>).</summary>
public sealed record PluginsOptions
{
    public const string SectionName = "Plugins";

    /// <summary>The folder holding one sub-folder per plugin.</summary>
    public string Directory { get; init; } = "plugins";

    /// <summary>The execution budget per call, and the most a manifest may ask for.</summary>
    public int TimeoutMs { get; init; } = 5000;

    /// <summary>The memory cap per plugin state, and the most a manifest may ask for.</summary>
    public int MemoryMb { get; init; } = 32;

    /// <summary>How many plugins run at the same time (calls into one plugin are always serialised).</summary>
    public int MaxParallelPlugins { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long after the budget a call that sits in native code is abandoned and its state replaced.</summary>
    public int StuckGraceMs { get; init; } = 1000;

    /// <summary>Per-plugin kv quota: number of keys.</summary>
    public int KvMaxKeys { get; init; } = 1000;

    /// <summary>Per-plugin kv quota: bytes of keys and values together.</summary>
    public long KvMaxBytes { get; init; } = 1024 * 1024;

    /// <summary>A port for gRPC over cleartext HTTP/2; 0 = none (REST, health and metrics stay on the main URL).</summary>
    public int GrpcPort { get; init; }

    /// <summary>Watch the folder and reload a plugin whose files change.</summary>
    public bool Watch { get; init; } = true;
}
