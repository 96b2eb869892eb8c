namespace Jarvis.Plugins.Model;

/// <summary>A plugin's counters since the service started.</summary>
public sealed record PluginStatistics(long Calls, long Errors, long Timeouts, long MemoryLimitHits, long MemoryBytes, double MeanLatencyMs, double MaxLatencyMs);
