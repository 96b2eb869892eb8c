using Jarvis.Plugins.Apis;
using Jarvis.Plugins.Infrastructure.Hosting;
using Jarvis.Plugins.Infrastructure.Messaging;
using Jarvis.Plugins.Infrastructure.Migrations;
using Jarvis.Plugins.Infrastructure.Storage;
using Jarvis.Plugins.Model;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Jarvis.Plugins.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // First of the hosted services: the schema is up to date before the saved states are read.
        builder.AddSchemaMigrations(PluginsSchema.Definition);
        builder.Services.AddOptions<PluginsOptions>().BindConfiguration(PluginsOptions.SectionName)
            .Validate(o => o.TimeoutMs is >= 1 and <= 60_000, "Plugins:TimeoutMs must be 1..60000")
            .Validate(o => o.MemoryMb is >= 1 and <= 1024, "Plugins:MemoryMb must be 1..1024")
            .Validate(o => o.MaxParallelPlugins >= 1, "Plugins:MaxParallelPlugins must be at least 1")
            .Validate(o => o.StuckGraceMs is >= 0 and <= 60_000, "Plugins:StuckGraceMs must be 0..60000")
            .Validate(o => o.KvMaxKeys >= 1 && o.KvMaxBytes >= 1, "Plugins:KvMaxKeys and Plugins:KvMaxBytes must be at least 1")
            .Validate(o => o.GrpcPort is >= 0 and <= 65535, "Plugins:GrpcPort must be 0 (none) or a port up to 65535")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory), "Plugins:Directory must name a folder")
            .ValidateOnStart();

        builder.Services.AddSingleton<IPluginKvStore, PluginKvStore>();
        builder.Services.AddSingleton<PluginStateStore>();
        builder.Services.AddSingleton<IMqttPublisher, AutomationNotAvailablePublisher>();
        builder.Services.AddSingleton<PluginMetrics>();
        builder.Services.AddSingleton<PluginHost>();
        // In this order: the saved enable/disable choices, then the plugins load.
        builder.Services.AddHostedService<PluginStateRestorer>();
        builder.Services.AddHostedService<PluginDirectoryWatcher>();

        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddAuthorizationBuilder().AddPluginsPolicy();
        builder.AddGrpcPort();
    }

    /// <summary>
    /// Kestrel serves cleartext HTTP/2 only on an endpoint that speaks nothing else (without TLS
    /// there is no ALPN to choose), so gRPC gets its own port when <c>Plugins:GrpcPort</c> is set;
    /// REST, health and metrics stay HTTP/1.1 on the main URL.
    /// </summary>
    private static void AddGrpcPort(this WebApplicationBuilder builder)
    {
        var urls = (builder.Configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The validated options: a port out of range stops the start with the setting's name.
            var grpcPort = kestrel.ApplicationServices.GetRequiredService<IOptions<PluginsOptions>>().Value.GrpcPort;
            if (grpcPort <= 0)
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
                    kestrel.Listen(System.Net.IPAddress.Parse(address.Host.Trim('[', ']')), address.Port, o => o.Protocols = HttpProtocols.Http1);
                }
            }

            kestrel.ListenAnyIP(grpcPort, o => o.Protocols = HttpProtocols.Http2);
        });
    }
}
