using Jarvis.Monitor.Engine;
using Jarvis.Monitor.Model;
using Microsoft.Extensions.Options;

namespace Jarvis.Monitor.Checks;

/// <summary>
/// The checks nobody configures, read from what the AppHost hands this service: each referenced service's
/// <c>/health</c> (<c>services__&lt;name&gt;__http__N</c>), PostgreSQL, Redis and the MQTT broker from their
/// connection strings, and Prometheus (<c>services__prometheus__http__0</c>). Interval 1 s and failure threshold 2
/// unless <c>Monitor:BuiltIn</c> says otherwise.
/// </summary>
public sealed class BuiltInChecks(IConfiguration configuration, IOptions<MonitorOptions> options)
{
    public IReadOnlyList<CheckDefinition> All()
    {
        var settings = options.Value.BuiltIn;
        var checks = new List<CheckDefinition>();
        CheckDefinition Make(string id, string name, CheckKind kind, string? url = null) => new()
        {
            Id = id,
            Name = name,
            Kind = kind,
            BuiltIn = true,
            Url = url,
            IntervalSeconds = settings.IntervalSeconds,
            TimeoutMs = settings.TimeoutMs,
            FailureThreshold = settings.FailureThreshold,
            SuccessThreshold = 1,
        };

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("jarvisdb")))
        {
            checks.Add(Make("postgres", "PostgreSQL", CheckKind.Postgres));
        }

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("redis")))
        {
            checks.Add(Make("redis", "Redis", CheckKind.Redis));
        }

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("mqtt")))
        {
            checks.Add(Make("mqtt", "MQTT broker", CheckKind.MqttBroker));
        }

        foreach (var service in configuration.GetSection("services").GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var name = service.Key.ToLowerInvariant();
            var endpoints = service.GetSection("http").GetChildren()
                .Select(e => e.Value).Where(v => Uri.TryCreate(v, UriKind.Absolute, out _)).ToList();
            for (var i = 0; i < endpoints.Count; i++)
            {
                var id = endpoints.Count == 1 || i == 0 ? name : $"{name}-{i + 1}";
                if (!CheckId.IsValid(id) || settings.Exclude.Contains(id, StringComparer.Ordinal))
                {
                    continue;
                }

                var kind = name == "prometheus" ? CheckKind.Prometheus : CheckKind.Service;
                var label = endpoints.Count == 1 ? service.Key : $"{service.Key} #{i + 1}";
                checks.Add(Make(id, kind == CheckKind.Prometheus ? "Prometheus" : $"{label} service", kind, endpoints[i]!.TrimEnd('/')));
            }
        }

        return checks;
    }
}
