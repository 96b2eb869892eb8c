namespace Jarvis.Benchmarks;

/// <summary>What one wrk run measured.</summary>
/// <param name="Requests">Requests completed in the run.</param>
/// <param name="Output">wrk's report, with whatever the script's <c>done</c> printed.</param>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, int Non2xx, string Output);
