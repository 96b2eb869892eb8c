namespace Jarvis.Benchmarks;

/// <summary>What one wrk run measured.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, int Non2xx);
