using Jarvis.ServiceDefaults;
using Jarvis.ServiceDefaults.Authentication;
using Jarvis.ServiceDefaults.Health;
using Jarvis.ServiceDefaults.Integrations;
using Jarvis.ServiceDefaults.Secrets;
using Jarvis.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Jarvis service shares: secrets, telemetry, health, discovery, resilience,
/// problem details and internal authentication (its options validated at start). Kept in the shape
/// of Aspire's ServiceDefaults so a service runs unchanged under the real Aspire. A service opts into
/// the rest: PostgreSQL and Redis on Aspire's client integrations (<c>Integrations/</c>), its schema's
/// migrations (<c>Migrations/</c>), the contracts it shares with another service (<c>Contracts/</c>).
/// </summary>
public static class Extensions
{
    public const string LiveTag = "live";
    public const string ReadyTag = "ready";

    /// <summary>The most tag combinations a framework instrument's metric stream keeps; beyond it OpenTelemetry counts them under an overflow point.</summary>
    public const int FrameworkCardinalityLimit = 200;

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Configuration.AddJarvisSecrets();
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddProblemDetails();
        // A body that cannot be bound throws, so that BadRequestHandler can name the field; it is a 4xx problem, never a 500.
        builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestHandler>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // A stop must finish well inside the orchestrator's 10 s budget.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.AddInternalAuthentication();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Jarvis.*")
                // OpenTelemetry allocates room for 2,000 tag combinations per metric stream up front: about 19 MB
                // across the 130-odd streams of the framework's instruments, which see a few dozen each. Jarvis's own
                // meters keep the default (the monitor's per-check gauges need a point per check).
                .AddView(instrument => instrument.Meter.Name.StartsWith("Jarvis.", StringComparison.Ordinal)
                    ? null
                    : new MetricStreamConfiguration { CardinalityLimit = FrameworkCardinalityLimit })
                .AddPrometheusExporter());

        // Traces are recorded only when there is somewhere to send them (Aspire's dashboard, or any
        // OTLP collector, sets OTEL_EXPORTER_OTLP_ENDPOINT). Without an exporter every request would
        // still build and stop activities for nobody (in the gateway benchmark, OpenTelemetry switched
        // off entirely gave 10–35 % more requests per second; docs/benchmarks.md).
        if (builder.TracesExported())
        {
            builder.Services.AddOpenTelemetry()
                .WithTracing(tracing => tracing
                    .AddSource(builder.Environment.ApplicationName)
                    .AddSource("Jarvis.*")
                    .AddAspNetCoreInstrumentation(o =>
                        o.Filter = context => !IsInfrastructurePath(context.Request.Path))
                    .AddGrpcClientInstrumentation()
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>True when an OTLP endpoint is configured, so traces have somewhere to go.</summary>
    public static bool TracesExported(this IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder?.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>The port <c>/metrics</c> is answered on, when the service has one apart from its public port.</summary>
    public const string ManagementPortKey = "Jarvis:Management:Port";

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<IServiceProviderIsService>()?.IsService(typeof(NpgsqlDataSource)) == true)
        {
            app.UseMiddleware<DatabaseReadRetry>();
        }

        // Ready: every registered check, dependencies included.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .AllowAnonymous();
        // Alive: only that the process runs and serves.
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(LiveTag),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        // Scraped by Prometheus on the internal network; the gateway never routes it. A service with a
        // public port (the gateway) answers it only on its loopback management port.
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        if (app.Configuration.GetValue<int?>(ManagementPortKey) is { } managementPort)
        {
            metrics.OnlyOnLocalPort(managementPort);
        }

        return app;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
