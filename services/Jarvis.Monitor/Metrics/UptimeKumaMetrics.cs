using System.Diagnostics.Metrics;
using System.Globalization;
using Jarvis.Monitor.Alerts;
using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Model;

namespace Jarvis.Monitor.Metrics;

/// <summary>
/// Meter <c>Jarvis.Monitor</c>, in Uptime Kuma's names and labels so its Grafana dashboards work unchanged:
/// <c>monitor_status</c> (1 up, 0 down, 2 pending, 3 maintenance; paused checks are left out, as Kuma does),
/// <c>monitor_response_time</c> (ms), <c>monitor_cert_days_remaining</c>, <c>monitor_cert_is_valid</c>, labelled
/// <c>monitor_name</c>, <c>monitor_type</c>, <c>monitor_url</c>, <c>monitor_hostname</c>, <c>monitor_port</c>.
/// Plus <c>jarvis_monitor_leader</c> (1 on the replica that records and alerts).
/// </summary>
public sealed class UptimeKumaMetrics
{
    public const string MeterName = "Jarvis.Monitor";

    public UptimeKumaMetrics(IMeterFactory meters, StatusBoard board, Leadership leadership)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("monitor_status", () => Observe(board, c => c.Status == CheckStatus.Paused ? null : (int)c.Status),
            description: "Check status: 1 up, 0 down, 2 pending, 3 maintenance (Uptime Kuma's values)");
        meter.CreateObservableGauge("monitor_response_time", () => Observe(board, c => c.LatencyMs),
            description: "Last attempt's response time in milliseconds");
        meter.CreateObservableGauge("monitor_cert_days_remaining", () => Observe(board, c => c.CertificateDays is { } d ? Math.Floor(d) : null),
            description: "Days until the TLS certificate expires");
        meter.CreateObservableGauge("monitor_cert_is_valid", () => Observe(board, c => c.CertificateValid is { } v ? (v ? 1 : 0) : null),
            description: "1 if the TLS certificate is valid, 0 if not");
        meter.CreateObservableGauge("jarvis_monitor_leader", () => leadership.IsLeader ? 1 : 0,
            description: "1 on the monitor replica that holds the lease (records history and sends alerts)");
    }

    private static IEnumerable<Measurement<double>> Observe(StatusBoard board, Func<CheckSnapshot, double?> value)
    {
        foreach (var check in board.Checks)
        {
            if (value(check) is { } v)
            {
                yield return new Measurement<double>(v, Labels(check));
            }
        }
    }

    private static KeyValuePair<string, object?>[] Labels(CheckSnapshot check)
    {
        string? host = null;
        string? port = null;
        if (check.Target is { } target && Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal))
        {
            host = uri.Host;
            port = uri.Port.ToString(CultureInfo.InvariantCulture);
        }
        else if (check.Target is { } hostPort && check.Kind is CheckKind.Tcp or CheckKind.Tls or CheckKind.Dns)
        {
            var colon = hostPort.LastIndexOf(':');
            host = colon > 0 ? hostPort[..colon] : hostPort;
            port = colon > 0 ? hostPort[(colon + 1)..] : null;
        }

        return
        [
            new("monitor_name", check.Id),
            new("monitor_type", KumaType(check.Kind)),
            new("monitor_url", check.Kind is CheckKind.Http or CheckKind.Service or CheckKind.Prometheus ? check.Target ?? "" : "https://"),
            new("monitor_hostname", host ?? ""),
            new("monitor_port", port ?? ""),
        ];
    }

    /// <summary>Uptime Kuma's type names where one exists ("port" for TCP).</summary>
    private static string KumaType(CheckKind kind) => kind switch
    {
        CheckKind.Http or CheckKind.Service => "http",
        CheckKind.Tcp => "port",
        CheckKind.Dns => "dns",
        CheckKind.Tls => "tls",
        CheckKind.MqttFreshness or CheckKind.MqttBroker => "mqtt",
        CheckKind.Postgres => "postgres",
        CheckKind.Redis => "redis",
        CheckKind.Prometheus => "prometheus",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
