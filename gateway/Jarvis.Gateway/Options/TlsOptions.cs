using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Jarvis.Gateway.Options;

/// <summary>Bound from <c>Gateway:Tls</c>; the PFX password, if any, is the secret <c>Gateway__Tls__Password</c>.</summary>
public sealed record TlsOptions
{
    public const string SectionName = "Gateway:Tls";

    /// <summary>A PEM certificate (with <see cref="KeyPath"/>) or a PFX file; empty means no HTTPS.</summary>
    public string CertificatePath { get; init; } = "";

    /// <summary>The PEM private key; empty when <see cref="CertificatePath"/> is a PFX.</summary>
    public string KeyPath { get; init; } = "";

    public string Password { get; init; } = "";

    [Range(1, 65535)]
    public int Port { get; init; } = 8443;

    /// <summary>The address HTTPS listens on: an IP, <c>localhost</c>, or <c>*</c> for every interface.</summary>
    public string Address { get; init; } = "*";

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    // A record prints every property; the password must never reach a log.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"CertificatePath = {CertificatePath}, KeyPath = {KeyPath}, Port = {Port}, Address = {Address}");
        return true;
    }
}
