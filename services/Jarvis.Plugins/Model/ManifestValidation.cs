namespace Jarvis.Plugins.Model;

public sealed record ManifestValidation(PluginManifest? Manifest, string? Error)
{
    public static ManifestValidation Valid(PluginManifest manifest) => new(manifest, null);

    public static ManifestValidation Invalid(string error) => new(null, error);
}
