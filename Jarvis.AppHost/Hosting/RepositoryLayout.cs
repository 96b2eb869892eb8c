using System.Reflection;

namespace Jarvis.AppHost.Hosting;

/// <summary>Where the repository is and where the AppHost keeps its state (<c>.jarvis/</c>).</summary>
public sealed class RepositoryLayout(string root, string stateDirectory)
{
    /// <summary>Configuration key (or <c>JARVIS_STATE_DIR</c> in the environment) naming another state directory.</summary>
    public const string StateDirectoryKey = "Jarvis:StateDirectory";

    public string Root { get; } = root;

    /// <summary>Data, generated configuration, secrets and logs; git-ignored.</summary>
    public string StateDirectory { get; } = stateDirectory;

    public string SecretsDirectory => Path.Combine(StateDirectory, "secrets");

    public string State(params string[] parts) => Path.Combine([StateDirectory, .. parts]);

    public static string Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; rebuild Jarvis.AppHost.");

    /// <summary>
    /// The repository this AppHost was built from; state in <c>.jarvis/</c> unless <c>Jarvis:StateDirectory</c>
    /// (configuration) or <c>JARVIS_STATE_DIR</c> (environment) names another directory.
    /// </summary>
    public static RepositoryLayout From(string? configuredStateDirectory)
    {
        var root = Metadata("Jarvis.RepositoryRoot");
        var state = !string.IsNullOrWhiteSpace(configuredStateDirectory)
            ? configuredStateDirectory
            : Environment.GetEnvironmentVariable("JARVIS_STATE_DIR");
        var directory = string.IsNullOrWhiteSpace(state) ? Path.Combine(root, ".jarvis") : Path.GetFullPath(state);
        Directory.CreateDirectory(directory);
        return new RepositoryLayout(root, directory);
    }
}
