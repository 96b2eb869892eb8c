using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jarvis.ServiceDefaults;

public static class GrpcPortExtensions
{
    /// <summary>
    /// Kestrel serves cleartext HTTP/2 only on an endpoint that speaks nothing else (without TLS there
    /// is no ALPN to choose), so gRPC gets a port of its own when <paramref name="grpcPort"/> answers one
    /// above 0 (the AppHost's <c>WithGrpcEndpoint</c> announces it); REST, health and metrics stay
    /// HTTP/1.1 on the main URLs. <paramref name="grpcPort"/> reads validated options, so a port out of
    /// range stops the start with the setting's name.
    /// </summary>
    public static WebApplicationBuilder ListenForGrpc(this WebApplicationBuilder builder, Func<IServiceProvider, int> grpcPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(grpcPort);
        var urls = (builder.Configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var port = grpcPort(kestrel.ApplicationServices);
            if (port <= 0)
            {
                return;
            }

            foreach (var url in urls)
            {
                var address = BindingAddress.Parse(url);
                if (address.Host is "localhost")
                {
                    kestrel.ListenLocalhost(address.Port, o => o.Protocols = HttpProtocols.Http1);
                }
                else if (address.Host is "*" or "+" or "0.0.0.0" or "[::]")
                {
                    kestrel.ListenAnyIP(address.Port, o => o.Protocols = HttpProtocols.Http1);
                }
                else
                {
                    kestrel.Listen(IPAddress.Parse(address.Host.Trim('[', ']')), address.Port, o => o.Protocols = HttpProtocols.Http1);
                }
            }

            kestrel.ListenAnyIP(port, o => o.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }
}
