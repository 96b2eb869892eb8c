using Microsoft.Extensions.Configuration;

namespace Jarvis.ServiceDefaults.Secrets;

/// <summary>
/// Secrets arrive as files, one value per file (Docker and Kubernetes secrets, or the
/// AppHost's <c>.jarvis/secrets</c>), never as environment variables.
/// </summary>
public static class SecretsConfigurationExtensions
{
    /// <summary>The environment variable that names the secrets directory. It holds a path, not a secret.</summary>
    public const string SecretsDirectoryVariable = "JARVIS_SECRETS_DIR";

    /// <summary>Adds the secrets in <paramref name="directory"/>, or in the one <c>JARVIS_SECRETS_DIR</c> names.</summary>
    public static IConfigurationBuilder AddJarvisSecrets(this IConfigurationBuilder configuration, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        directory ??= Environment.GetEnvironmentVariable(SecretsDirectoryVariable);
        if (string.IsNullOrWhiteSpace(directory))
        {
            return configuration;
        }

        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException(
                $"{SecretsDirectoryVariable} names '{directory}', which does not exist.");
        }

        // A file named Jarvis__InternalAuth__SigningKey becomes Jarvis:InternalAuth:SigningKey.
        return configuration.AddKeyPerFile(source =>
        {
            source.FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetFullPath(directory));
            source.Optional = false;
            source.ReloadOnChange = true;
            source.SectionDelimiter = "__";
        });
    }
}
