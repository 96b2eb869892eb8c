namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Tls</c>; the PFX password, if any, is the secret <c>Gateway__Tls__Password</c>.</summary>
public sealed class TlsOptions
{
    public const string SectionName = "Gateway:Tls";

    /// <summary>A PEM certificate (with <see cref="KeyPath"/>) or a PFX file; empty means no HTTPS.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key; empty when <see cref="CertificatePath"/> is a PFX.</summary>
    public string KeyPath { get; set; } = "";

    public string Password { get; set; } = "";

    public int Port { get; set; } = 8443;

    /// <summary>The address HTTPS listens on: an IP, <c>localhost</c>, or <c>*</c> for every interface.</summary>
    public string Address { get; set; } = "*";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
