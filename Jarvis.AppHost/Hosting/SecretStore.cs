using System.Security.Cryptography;

namespace Jarvis.AppHost.Hosting;

/// <summary>
/// Generates secrets on first run into <c>.jarvis/secrets/</c> (directory 0700, files 0600) and
/// gives each service a directory holding only the secrets it references, handed over
/// through <c>JARVIS_SECRETS_DIR</c>. Values never travel in environment variables.
/// </summary>
public sealed class SecretStore
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _directory;
    private readonly Lock _lock = new();

    public SecretStore(string directory)
    {
        _directory = directory;
        EnsureDirectory(_directory);
    }

    public string Directory => _directory;

    /// <summary>Raised once when a secret is generated, so the AppHost can show a first-run value.</summary>
    public event Action<string, string>? Generated;

    /// <summary>Reads a secret, generating it (URL-safe, <paramref name="bytes"/> random bytes) on first use.</summary>
    public string GetOrCreate(string name, int bytes = 32, bool base64 = false)
    {
        lock (_lock)
        {
            var path = Path.Combine(_directory, name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path).Trim();
            }

            var raw = RandomNumberGenerator.GetBytes(bytes);
            var value = base64 ? Convert.ToBase64String(raw) : Base64UrlEncode(raw);
            Write(path, value);
            Generated?.Invoke(name, value);
            return value;
        }
    }

    /// <summary>Writes the directory a service reads as <c>JARVIS_SECRETS_DIR</c>, with exactly these entries.</summary>
    public string WriteServiceDirectory(string service, IReadOnlyDictionary<string, string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var dir = Path.Combine(_directory, "services", service);
        // Replicas of one service start together and share this directory.
        lock (_lock)
        {
            EnsureDirectory(Path.Combine(_directory, "services"));
            EnsureDirectory(dir);
            foreach (var stale in System.IO.Directory.GetFiles(dir).Where(f => !entries.ContainsKey(Path.GetFileName(f))))
            {
                File.Delete(stale);
            }

            foreach (var (key, value) in entries)
            {
                var path = Path.Combine(dir, key);
                if (!File.Exists(path) || File.ReadAllText(path) != value)
                {
                    Write(path, value);
                }
            }
        }

        return dir;
    }

    private static void Write(string path, string value) => SecretFile.Write(path, value);

    private static void EnsureDirectory(string dir)
    {
        System.IO.Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, DirectoryMode);
    }

    private static string Base64UrlEncode(byte[] raw) =>
        Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
