using System.Globalization;

namespace Jarvis.Benchmarks;

/// <summary>What <c>/proc</c> says of a process: CPU time used and resident memory.</summary>
internal static class ProcStat
{
    /// <summary>Clock ticks a second in <c>/proc/&lt;pid&gt;/stat</c> (USER_HZ; 100 on Linux for every architecture .NET runs on).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds (user + system) of the process, with <paramref name="reapedChildren"/> those of its ended and reaped children too.</summary>
    public static double CpuSeconds(int pid, bool reapedChildren = false)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // pid (comm) state ppid …: fields after the last ')' start with field 3 (state); utime is field 14.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (reapedChildren)
            {
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }

            return ticks / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0; // ended meanwhile: its time is in its parent's reaped-children figures
        }
    }

    /// <summary>CPU seconds of a process tree: the root with its reaped children, and every live descendant.</summary>
    public static double TreeCpuSeconds(int pid) =>
        CpuSeconds(pid, reapedChildren: true) + ServiceProcesses.Descendants(pid).Sum(child => CpuSeconds(child, reapedChildren: true));

    /// <summary>A <c>/proc/&lt;pid&gt;/status</c> size in MiB, e.g. <c>VmRSS</c> (resident now) or <c>VmHWM</c> (resident at most).</summary>
    public static double MemoryMiB(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kib = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }

    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> prints them.</summary>
    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
