using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Jarvis.Benchmarks;

/// <summary>wrk (a C HTTP load generator, like pgbench light on the CPU it shares) on loopback.</summary>
internal static partial class Wrk
{
    /// <param name="arguments">Headers, the URL and whatever else wrk takes after the common options.</param>
    /// <param name="threads">wrk threads; with one connection per thread each connection keeps its own script state.</param>
    /// <param name="script">A Lua script (wrk's <c>-s</c>), or null for plain GETs.</param>
    /// <param name="cpus">A CPU list for taskset (wrk runs only there), or null for any CPU.</param>
    public static async Task<WrkResult> RunAsync(IEnumerable<string> arguments, int seconds, int connections, int threads = 1, string? script = null, string? cpus = null)
    {
        var start = new ProcessStartInfo(cpus is null ? "wrk" : "taskset") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (cpus is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(cpus);
            start.ArgumentList.Add("wrk");
        }

        foreach (var arg in (string[])[$"-t{threads}", $"-c{connections}", $"-d{seconds}s", "--latency"])
        {
            start.ArgumentList.Add(arg);
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        // both at once: a script that writes much to stderr would otherwise block wrk on a full pipe
        var reading = wrk.StandardOutput.ReadToEndAsync();
        var error = await wrk.StandardError.ReadToEndAsync();
        var output = await reading;
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0 || !RequestsPerSecond().IsMatch(output))
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {output}{error}");
        }

        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(rps, Latency(output, "50%"), Latency(output, "99%"), requests, non2xx, output);
    }

    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in ", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();
}
