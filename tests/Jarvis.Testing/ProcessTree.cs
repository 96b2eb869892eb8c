using System.Diagnostics;

namespace Jarvis.Testing;

/// <summary>Kills a process and every process below it, as a crash of the whole replica would.</summary>
public static class ProcessTree
{
    public static void Kill(int pid)
    {
        foreach (var child in Children(pid))
        {
            Kill(child);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
        catch (InvalidOperationException)
        {
        }
    }

    public static IReadOnlyList<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var candidate))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.TryParse(fields[1], out var parent) && parent == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (IOException)
            {
            }
        }

        return children;
    }
}
