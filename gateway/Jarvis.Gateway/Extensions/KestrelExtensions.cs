using System.Net;
using Jarvis.Gateway.Infrastructure.Tls;
using Jarvis.Gateway.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Jarvis.Gateway.Extensions;

/// <summary>Kestrel's limits, and HTTPS with a reloadable certificate when <c>Gateway:Tls:CertificatePath</c> is set.</summary>
public static class KestrelExtensions
{
    public static void ConfigureGatewayKestrel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Resolved only when HTTPS is configured.
        builder.Services.AddSingleton(sp => new ServerCertificate(
            sp.GetRequiredService<IOptions<TlsOptions>>().Value, sp.GetRequiredService<ILogger<ServerCertificate>>()));

        // Runs when the server starts, after the options were validated.
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var limits = kestrel.ApplicationServices.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
            var tls = kestrel.ApplicationServices.GetRequiredService<IOptions<TlsOptions>>().Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodySize;
            // Kestrel's own refusals are bare; up to these hard limits RequestHeadLimit answers with problem details.
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalSize * RequestLimitOptions.HardLimitFactor;
            kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, (limits.MaxRequestTargetLength + 64) * RequestLimitOptions.HardLimitFactor);
            if (!tls.Enabled)
            {
                return;
            }

            var certificate = kestrel.ApplicationServices.GetRequiredService<ServerCertificate>();
            // Listening in code replaces the configured URLs, so keep them (plain HTTP for loopback and health).
            foreach (var url in (context.Configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var address = BindingAddress.Parse(url);
                Listen(kestrel, address.Host, address.Port, address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? certificate : null);
            }

            Listen(kestrel, tls.Address, tls.Port, certificate);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, ServerCertificate? certificate)
    {
        Action<ListenOptions> configure = listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificate.Current);
            }
        };

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(port, configure);
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            kestrel.Listen(ip, port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(port, configure);
        }
    }
}
