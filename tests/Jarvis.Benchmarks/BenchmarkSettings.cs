using System.Globalization;

namespace Jarvis.Benchmarks;

/// <summary>Settings shared by the benchmarks.</summary>
internal static class BenchmarkSettings
{
    /// <summary>
    /// Load before measuring, long enough for tiered compilation to settle: on two busy cores the
    /// services' JIT keeps recompiling hot methods (tier 0 → instrumented → tier 1) for about 20–25 s
    /// (`dotnet-counters`: dotnet.jit.compilation.time), and a service runs for days, not seconds.
    /// <c>JARVIS_BENCH_WARMUP</c> (seconds) overrides it.
    /// </summary>
    public static TimeSpan WarmUp { get; } = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("JARVIS_BENCH_WARMUP"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 30);
}
