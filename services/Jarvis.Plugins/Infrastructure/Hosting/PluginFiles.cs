using Jarvis.Plugins.Model;

namespace Jarvis.Plugins.Infrastructure.Hosting;

/// <summary>A plugin folder read from disk: the validated manifest and main.lua, or why not.</summary>
internal sealed record PluginFiles(PluginManifest? Manifest, byte[]? Source, string? Error)
{
    public const string ManifestFile = "plugin.json";
    public const string EntryFile = "main.lua";
    private const int MaxManifestBytes = 64 * 1024;
    private const int MaxSourceBytes = 1024 * 1024;

    public static PluginFiles Read(string folder, PluginsOptions options)
    {
        var id = Path.GetFileName(folder);
        try
        {
            var manifestPath = Path.Combine(folder, ManifestFile);
            if (!File.Exists(manifestPath))
            {
                return Fail($"{ManifestFile} is missing");
            }

            var manifestBytes = ReadLimited(manifestPath, MaxManifestBytes);
            var validation = ManifestValidator.Validate(manifestBytes, options.TimeoutMs, options.MemoryMb);
            if (validation.Manifest is not { } manifest)
            {
                return Fail($"invalid {ManifestFile}: {validation.Error}");
            }

            if (manifest.Id != id)
            {
                return Fail($"the folder name '{id}' must equal the manifest id '{manifest.Id}'");
            }

            var sourcePath = Path.Combine(folder, EntryFile);
            if (!File.Exists(sourcePath))
            {
                return new PluginFiles(manifest, null, $"{EntryFile} is missing");
            }

            return new PluginFiles(manifest, ReadLimited(sourcePath, MaxSourceBytes), null);
        }
        catch (IOException e)
        {
            return Fail($"cannot read the plugin: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail($"cannot read the plugin: {e.Message}");
        }
    }

    private static PluginFiles Fail(string error) => new(null, null, error);

    private static byte[] ReadLimited(string path, int max)
    {
        var info = new FileInfo(path);
        if (info.Length > max)
        {
            throw new IOException($"{info.Name} is larger than {max} bytes");
        }

        return File.ReadAllBytes(path);
    }
}
