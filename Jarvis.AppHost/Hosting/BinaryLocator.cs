namespace Jarvis.AppHost.Hosting;

/// <summary>Finds the machine's own binaries (Debian packages) instead of container images.</summary>
public static class BinaryLocator
{
    public static string Find(string name, string debianPackage, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = extraDirectories
            .Concat(path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (var dir in directories)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new MissingBinaryException(name, debianPackage);
    }

    /// <summary>Debian installs PostgreSQL under /usr/lib/postgresql/&lt;major&gt;/bin; take the newest.</summary>
    public static string PostgresBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (dir: d, major: int.TryParse(Path.GetFileName(d), out var m) ? m : -1))
                .Where(x => x.major > 0 && File.Exists(Path.Combine(x.dir, "bin", "postgres")))
                .OrderByDescending(x => x.major)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault()
            : null;
        return newest ?? throw new MissingBinaryException("postgres", "postgresql");
    }
}
