using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Checks;
using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Infrastructure;
using Jarvis.Monitor.Metrics;
using Jarvis.Monitor.Model;
using Jarvis.Monitor.Mqtt;
using Jarvis.Monitor.Storage;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Migrations;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Jarvis.Monitor.Extensions;

internal static class Extensions
{
    /// <summary>Bodies over this answer 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>PostgreSQL (its schema migrated at start), the MQTT broker, Redis when referenced; the checks engine, history and alerts.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddJarvisNpgsqlDataSource(ServiceSchema.ConnectionName);
        // Not AddSchemaMigrations: the monitor starts even while PostgreSQL is down (SchemaMigration retries).
        builder.Services.AddHostedService<SchemaMigration>();
        builder.AddMqttBroker("mqtt");
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("redis")))
        {
            builder.AddJarvisRedisClient("redis");
        }

        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, MonitorJsonContext.Default));

        var services = builder.Services;
        services.AddOptions<MonitorOptions>().BindConfiguration(MonitorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitorOptions>, MonitorOptionsValidator>();
        services.AddHttpClients();

        services.AddSingleton<MonitorMqtt>();
        services.AddHostedService(sp => sp.GetRequiredService<MonitorMqtt>());
        services.AddSingleton<ProbeHttpClient>();
        services.AddSingleton<IProbe, HttpProbe>();
        services.AddSingleton<IProbe, TcpProbe>();
        services.AddSingleton<IProbe, DnsProbe>();
        services.AddSingleton<IProbe, TlsProbe>();
        services.AddSingleton<IProbe, MqttFreshnessProbe>();
        services.AddSingleton<IProbe, MqttBrokerProbe>();
        services.AddSingleton<IProbe, PostgresProbe>();
        services.AddSingleton<IProbe, RedisProbe>();
        services.AddSingleton<IProbe, ServiceHealthProbe>();
        services.AddSingleton<IProbe, PrometheusProbe>();
        services.AddSingleton<ProbeRunner>();
        services.AddSingleton<BuiltInChecks>();

        services.AddSingleton<StatusBoard>();
        services.AddSingleton<CheckStore>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<UptimeCache>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<ChannelStore>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<AlertKeeper>();
        services.AddSingleton<IAlertSender, MqttAlertSender>();
        services.AddSingleton<IAlertSender, WebhookAlertSender>();
        services.AddSingleton<IAlertSender, ChatAlertSender>();
        services.AddSingleton<UptimeKumaMetrics>();

        // Order matters: the lease first, so the first results are recorded by a leader that knows it leads.
        services.AddSingleton<Leadership>();
        services.AddHostedService(sp => sp.GetRequiredService<Leadership>());
        services.AddSingleton<ResultLog>();
        services.AddHostedService(sp => sp.GetRequiredService<ResultLog>());
        services.AddSingleton<CheckScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckScheduler>());
        services.AddHostedService<HistoryKeeper>();
        services.AddHostedService<DeliveryWorker>();
    }

    /// <summary>
    /// Probes and alert senders do their own timeouts and retries: the resilience handler every client gets by default
    /// (retries, a 10 s total) would hide a hang behind retries and turn one attempt into several.
    /// </summary>
    private static void AddHttpClients(this IServiceCollection services)
    {
        // RemoveAllResilienceHandlers is marked experimental; it is the documented way to opt one client out of the defaults.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(ServiceHealthProbe.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
            .RemoveAllResilienceHandlers()
            .AddServiceToken();
        services.AddHttpClient(WebhookAlertSender.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .RemoveAllResilienceHandlers();
        services.AddHttpClient(ChatAlertSender.ClientName, http =>
            {
                http.BaseAddress = new Uri("https+http://chat");
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers()
            .AddServiceToken();
#pragma warning restore EXTEXP0001
    }
}
