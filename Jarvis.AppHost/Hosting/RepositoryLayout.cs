using System.Reflection;

namespace Jarvis.AppHost.Hosting;

/// <summary>Where the repository is and where the AppHost keeps its state (<c>.jarvis/</c>).</summary>
public sealed class RepositoryLayout
{
    public RepositoryLayout(string root, string stateDirectory)
    {
        Root = root;
        StateDirectory = stateDirectory;
    }

    public string Root { get; }

    /// <summary>Data, generated configuration, secrets and logs; git-ignored.</summary>
    public string StateDirectory { get; }

    public string SecretsDirectory => Path.Combine(StateDirectory, "secrets");

    public string LogsDirectory => Path.Combine(StateDirectory, "logs");

    public string State(params string[] parts) => Path.Combine([StateDirectory, .. parts]);

    public static string Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; rebuild Jarvis.AppHost.");

    /// <summary>The repository this AppHost was built from; state in <c>.jarvis/</c> unless <c>JARVIS_STATE_DIR</c> names another directory.</summary>
    public static RepositoryLayout Default()
    {
        var root = Metadata("Jarvis.RepositoryRoot");
        var state = Environment.GetEnvironmentVariable("JARVIS_STATE_DIR");
        return new RepositoryLayout(root, string.IsNullOrWhiteSpace(state) ? Path.Combine(root, ".jarvis") : Path.GetFullPath(state));
    }
}
