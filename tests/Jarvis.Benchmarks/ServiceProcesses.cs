using Aspire.Hosting.ApplicationModel;
using Jarvis.Testing;

namespace Jarvis.Benchmarks;

/// <summary>
/// Finds the process that does a resource's work. The orchestrator starts a service as <c>dotnet run</c>,
/// whose child is the application; an infrastructure resource is the process it started.
/// </summary>
internal static class ServiceProcesses
{
    /// <summary>The application process of one replica: the child of <c>dotnet run</c> for a service, else the process itself.</summary>
    public static int App(JarvisTestApp app, string name, int replica = 0)
    {
        var pid = app.ProcessId(name, replica);
        if (app.Resource(name) is not ProjectResource project)
        {
            return pid;
        }

        var children = ProcessTree.Children(pid);
        var assembly = Path.GetFileNameWithoutExtension(project.GetProjectMetadata().ProjectPath);
        var match = children.Where(c => CommandLine(c).Contains(assembly, StringComparison.Ordinal)).ToList();
        return match.Count == 1 ? match[0]
            : children.Count == 1 ? children[0]
            : throw new InvalidOperationException(
                $"'{name}' replica {replica}: dotnet run ({pid}) has {children.Count} children, {match.Count} of them {assembly}.");
    }

    public static string CommandLine(int pid) => string.Join(' ', Arguments(pid));

    public static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Running, or at least not yet a zombie waiting for its parent.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    /// <summary><paramref name="pid"/>'s descendants, breadth first.</summary>
    public static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        var queue = new Queue<int>([pid]);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var child in ProcessTree.Children(parent))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }
}
