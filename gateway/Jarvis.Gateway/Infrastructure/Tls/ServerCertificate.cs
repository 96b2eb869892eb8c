using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jarvis.Gateway.Options;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Jarvis.Gateway.Infrastructure.Tls;

/// <summary>
/// The HTTPS certificate, read from files and read again when they change, so a renewed certificate
/// (certbot, a cron job, an operator's copy) serves the next handshake without a restart.
/// </summary>
public sealed class ServerCertificate : IDisposable
{
    private readonly TlsOptions _options;
    private readonly ILogger<ServerCertificate> _logger;
    private readonly List<PhysicalFileProvider> _folders = [];
    private readonly IDisposable _watch;
    private X509Certificate2 _current;

    public ServerCertificate(TlsOptions options, ILogger<ServerCertificate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger;
        _current = Load();
        _watch = ChangeToken.OnChange(Watch, Reload);
    }

    public X509Certificate2 Current => Volatile.Read(ref _current);

    public void Dispose()
    {
        _watch.Dispose();
        foreach (var folder in _folders)
        {
            folder.Dispose();
        }
    }

    private IChangeToken Watch()
    {
        var tokens = new List<IChangeToken> { WatchFile(_options.CertificatePath) };
        if (!string.IsNullOrWhiteSpace(_options.KeyPath))
        {
            tokens.Add(WatchFile(_options.KeyPath));
        }

        return new CompositeChangeToken(tokens);
    }

    private IChangeToken WatchFile(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var folder = _folders.Find(f => string.Equals(f.Root.TrimEnd('/'), directory.TrimEnd('/'), StringComparison.Ordinal));
        if (folder is null)
        {
            folder = new PhysicalFileProvider(directory);
            _folders.Add(folder);
        }

        return folder.Watch(Path.GetFileName(full));
    }

    private void Reload()
    {
        // A writer may be halfway through the file (or have written the certificate but not yet the key).
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            try
            {
                var fresh = Load();
                var old = Interlocked.Exchange(ref _current, fresh);
                if (old.Thumbprint != fresh.Thumbprint)
                {
                    _logger.LogInformation("HTTPS certificate reloaded: {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:u}.",
                        fresh.Subject, fresh.Thumbprint, fresh.NotAfter);
                }

                return;
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException)
            {
                if (attempt == 10)
                {
                    _logger.LogError(ex, "The replaced HTTPS certificate could not be read; still serving {Thumbprint}.", Current.Thumbprint);
                    return;
                }

                Thread.Sleep(100 * attempt);
            }
        }
    }

    private X509Certificate2 Load() => string.IsNullOrWhiteSpace(_options.KeyPath)
        ? X509CertificateLoader.LoadPkcs12FromFile(_options.CertificatePath, _options.Password.Length == 0 ? null : _options.Password)
        : X509Certificate2.CreateFromPemFile(_options.CertificatePath, _options.KeyPath);
}
